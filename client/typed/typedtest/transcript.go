package typedtest

import (
	"fmt"
	"strconv"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Transcript is the observable outcome of a scenario, one observation per line.
type Transcript []string

// recorder builds a transcript and checks resourceVersions increase across writes.
type recorder struct {
	lines  Transcript
	lastRV uint64
}

func (r *recorder) logf(format string, args ...any) {
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

// outcome records how a call ended: "ok" or the reason of its API error.
func (r *recorder) outcome(step string, err error) {
	if err == nil {
		r.logf("%s: ok", step)
		return
	}
	r.logf("%s: %s", step, reason(err))
}

// reason names an error by its API reason, or reports it as unexpected.
func reason(err error) string {
	if err == nil {
		return "ok"
	}
	if status, ok := err.(apierrors.APIStatus); ok || apierrors.ReasonForError(err) != metav1.StatusReasonUnknown {
		if ok {
			return string(status.Status().Reason)
		}
		return string(apierrors.ReasonForError(err))
	}
	return "unexpected error: " + err.Error()
}

// wrote records whether a write's resourceVersion is larger than every earlier one.
func (r *recorder) wrote(step string, m metav1.Object) {
	rv, err := strconv.ParseUint(m.GetResourceVersion(), 10, 64)
	switch {
	case err != nil:
		r.logf("%s: resourceVersion %q is not a number", step, m.GetResourceVersion())
	case rv <= r.lastRV:
		r.logf("%s: resourceVersion %d did not increase (last %d)", step, rv, r.lastRV)
	default:
		r.lastRV = rv
		r.logf("%s: resourceVersion increased", step)
	}
}

// Diff returns the lines where two transcripts differ, "-" for a and "+" for b, or "" if they are equal.
func Diff(a, b Transcript) string {
	var out strings.Builder
	for i := range max(len(a), len(b)) {
		var la, lb string
		if i < len(a) {
			la = a[i]
		}
		if i < len(b) {
			lb = b[i]
		}
		if la != lb {
			fmt.Fprintf(&out, "line %d:\n- %s\n+ %s\n", i+1, la, lb)
		}
	}
	return out.String()
}
