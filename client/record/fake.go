package record

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/klog/v2"
)

// FakeRecorder is an EventRecorder for tests: each event becomes the line
// "<type> <reason> <message>" on Events, as with client-go's. With IncludeObject the line also
// names the object's kind and apiVersion. A FakeRecorder with a nil Events channel drops events.
// Sends block while Events is full: give it a buffer (NewFakeRecorder) as large as the test needs.
type FakeRecorder struct {
	Events        chan string
	IncludeObject bool
}

var _ EventRecorderLogger = &FakeRecorder{}

// NewFakeRecorder returns a FakeRecorder whose Events channel buffers bufferSize events.
func NewFakeRecorder(bufferSize int) *FakeRecorder {
	return &FakeRecorder{Events: make(chan string, bufferSize)}
}

// Event implements EventRecorder.
func (f *FakeRecorder) Event(object runtime.Object, eventtype, reason, message string) {
	f.write(object, nil, eventtype, reason, message)
}

// Eventf implements EventRecorder.
func (f *FakeRecorder) Eventf(object runtime.Object, eventtype, reason, messageFmt string, args ...any) {
	f.write(object, nil, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

// AnnotatedEventf implements EventRecorder.
func (f *FakeRecorder) AnnotatedEventf(object runtime.Object, annotations map[string]string, eventtype, reason, messageFmt string, args ...any) {
	f.write(object, annotations, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

// WithLogger implements EventRecorderLogger; the fake logs nothing.
func (f *FakeRecorder) WithLogger(klog.Logger) EventRecorderLogger { return f }

func (f *FakeRecorder) write(object runtime.Object, annotations map[string]string, eventtype, reason, message string) {
	if f.Events == nil {
		return
	}
	var b strings.Builder
	b.WriteString(eventtype + " " + reason + " " + message)
	if f.IncludeObject && object != nil {
		gvk := object.GetObjectKind().GroupVersionKind()
		fmt.Fprintf(&b, " involvedObject{kind=%s,apiVersion=%s}", gvk.Kind, gvk.GroupVersion())
	}
	if len(annotations) > 0 {
		b.WriteString(" map[")
		for i, k := range slices.Sorted(maps.Keys(annotations)) {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(k + ":" + annotations[k])
		}
		b.WriteString("]")
	}
	f.Events <- b.String()
}
