package typedtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/typed"
)

// RW is what a rule scenario needs of a client for one resource: reads and writes, without delete
// collection, which some resources lack. The typed clients of generated clientsets, real and fake,
// have these methods.
type RW[T typed.Object, L runtime.Object] interface {
	typed.Reader[T, L]
	Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error)
	Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (T, error)
}

// RWC is RW with delete collection.
type RWC[T typed.Object, L runtime.Object] interface {
	RW[T, L]
	DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error
}

// Env is what a rule scenario runs against: clients of a few common kinds and a fresh namespace,
// which exists and is empty when the scenario starts. The per-namespace constructors accept any
// namespace, including ones that do not exist.
type Env struct {
	Namespace    string
	Namespaces   RW[*corev1.Namespace, *corev1.NamespaceList]
	ConfigMaps   func(ns string) RWC[*corev1.ConfigMap, *corev1.ConfigMapList]
	Secrets      func(ns string) RW[*corev1.Secret, *corev1.SecretList]
	Pods         func(ns string) RW[*corev1.Pod, *corev1.PodList]
	Services     func(ns string) RW[*corev1.Service, *corev1.ServiceList]
	Deployments  func(ns string) RW[*appsv1.Deployment, *appsv1.DeploymentList]
	StatefulSets func(ns string) RW[*appsv1.StatefulSet, *appsv1.StatefulSetList]
	DaemonSets   func(ns string) RW[*appsv1.DaemonSet, *appsv1.DaemonSetList]
	Jobs         func(ns string) RW[*batchv1.Job, *batchv1.JobList]
	Leases       func(ns string) RW[*coordinationv1.Lease, *coordinationv1.LeaseList]
	// Gadgets are the custom resources of RulesCRD, which the runner has created; nil when the
	// clients serve no custom resources (the custom resource scenarios then record just that).
	Gadgets func(ns string) RW[*unstructured.Unstructured, *unstructured.UnstructuredList]
}

// Rule is one scenario of the rules suite: a few calls whose every observable outcome (status code,
// reason, details, message, returned object minus server-generated values, watch events) is recorded.
type Rule struct {
	Group string // validation, defaulting, admission, deletion, versions, watch, customresources
	Name  string
	Run   func(ctx context.Context, e *Env, r *Recorder)
}

// RunRule runs one rule and returns its transcript.
func RunRule(ctx context.Context, rule Rule, e *Env) Transcript {
	r := &Recorder{rvs: map[string]string{}}
	rule.Run(ctx, e, r)
	return r.lines
}

// Recorder builds the transcript of a rule. Values a server generates are replaced by placeholders:
// uids, timestamps and IP addresses (in messages too) by <uid>, <time> and <ip>; resourceVersions by rv1, rv2, ... in
// the order they first appear in the scenario, so that equal and different resourceVersions stay
// equal and different.
type Recorder struct {
	lines Transcript
	rvs   map[string]string
	masks []mask
}

type mask struct {
	re   *regexp.Regexp
	repl string
}

// Mask replaces what re matches in the messages recorded from now on, for values a scenario knows
// to be random (generated names).
func (r *Recorder) Mask(re *regexp.Regexp, repl string) { r.masks = append(r.masks, mask{re, repl}) }

// Logf records a line.
func (r *Recorder) Logf(format string, args ...any) {
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

// Result returns the recorder of a call's outcome: the error in full, or the returned object
// normalized. It takes a call's results as they are: r.Result("get")(c.Get(ctx, name, opts)).
func (r *Recorder) Result(step string) func(obj any, err error) {
	return func(obj any, err error) {
		if err != nil {
			r.Err(step, err)
			return
		}
		r.Logf("%s: ok %s", step, r.Object(obj))
	}
}

// Err records an error: for API errors its code, reason, details and message.
func (r *Recorder) Err(step string, err error) {
	if err == nil {
		r.Logf("%s: ok", step)
		return
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		r.Logf("%s: error %s", step, r.text(err.Error()))
		return
	}
	s := status.Status()
	line := fmt.Sprintf("%s: %d %s", step, s.Code, s.Reason)
	if d := s.Details; d != nil {
		line += fmt.Sprintf(" details{name=%q group=%q kind=%q", r.text(d.Name), d.Group, d.Kind)
		for _, c := range d.Causes {
			line += fmt.Sprintf(" cause{%s %s %q}", c.Type, c.Field, r.text(c.Message))
		}
		if d.RetryAfterSeconds != 0 {
			line += fmt.Sprintf(" retryAfter=%d", d.RetryAfterSeconds)
		}
		line += "}"
	}
	r.Logf("%s message=%q", line, r.text(s.Message))
}

var (
	uidPattern  = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	timePattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$`)
	ipPattern   = regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+$`)
	numPattern  = regexp.MustCompile(`\b\d+\b`)
	ipInText    = regexp.MustCompile(`\b\d+\.\d+\.\d+\.\d+\b`)
)

// text normalizes a message: uids become <uid>, IPv4 addresses <ip>, resourceVersions seen so far
// their labels.
func (r *Recorder) text(s string) string {
	s = uidPattern.ReplaceAllString(s, "<uid>")
	s = ipInText.ReplaceAllString(s, "<ip>")
	for _, m := range r.masks {
		s = m.re.ReplaceAllString(s, m.repl)
	}
	return numPattern.ReplaceAllStringFunc(s, func(n string) string {
		if l, ok := r.rvs[n]; ok {
			return l
		}
		return n
	})
}

// rv returns the label of a resourceVersion, giving it the next one when new.
func (r *Recorder) rv(v string) string {
	if v == "" {
		return ""
	}
	if l, ok := r.rvs[v]; ok {
		return l
	}
	l := fmt.Sprintf("rv%d", len(r.rvs)+1)
	r.rvs[v] = l
	return l
}

// Object returns obj as JSON with sorted keys and server-generated values replaced.
func (r *Recorder) Object(obj any) string {
	data, err := json.Marshal(obj)
	if err != nil {
		return "unencodable: " + err.Error()
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return "undecodable: " + err.Error()
	}
	v = r.normalize("", v)
	out, _ := json.Marshal(v)
	return string(out)
}

func (r *Recorder) normalize(key string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = r.normalize(k, x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = r.normalize(key, x)
		}
		return v
	case string:
		switch {
		case key == "resourceVersion":
			return r.rv(v)
		case key == "uid":
			return "<uid>"
		case timePattern.MatchString(v):
			return "<time>"
		case ipPattern.MatchString(v) && v != "None":
			return "<ip>"
		}
		return r.text(v)
	}
	return v
}

// Watch records the next n events of w (type and normalized object), or how many came before
// timeout, then stops w.
func (r *Recorder) Watch(step string, w watch.Interface, n int, timeout time.Duration) {
	defer w.Stop()
	deadline := time.After(timeout)
	for i := range n {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				r.Logf("%s: watch closed after %d events", step, i)
				return
			}
			if ev.Type == watch.Error {
				r.Err(fmt.Sprintf("%s: event %d ERROR", step, i+1), apierrors.FromObject(ev.Object))
				continue
			}
			r.Logf("%s: event %d %s %s", step, i+1, ev.Type, r.Object(ev.Object))
		case <-deadline:
			r.Logf("%s: no event %d within %v", step, i+1, timeout)
			return
		}
	}
}

// Rules is the rules suite, in a fixed order.
func Rules() []Rule {
	var all []Rule
	for _, group := range [][]Rule{validationRules(), defaultingRules(), moreDefaultingRules(), admissionRules(), deletionRules(),
		versionRules(), watchRules(), customResourceRules()} {
		all = append(all, group...)
	}
	return all
}
