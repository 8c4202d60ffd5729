package events

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/klog/v2"
)

// FakeRecorder is an EventRecorder for tests: each event becomes the line
// "<type> <reason> <note>" on Events, as with client-go's. With Verbose the line is
// "<type> <reason> <action> <note>" followed by the kind and apiVersion of regarding and related
// (" {kind=Pod,apiVersion=v1}", for objects whose TypeMeta is set) and the annotations. A
// FakeRecorder with a nil Events channel drops events. Sends block while Events is full: give it a
// buffer (NewFakeRecorder) as large as the test needs.
type FakeRecorder struct {
	Events  chan string
	Verbose bool
}

var (
	_ EventRecorderLogger    = &FakeRecorder{}
	_ AnnotatedEventRecorder = &FakeRecorder{}
)

// NewFakeRecorder returns a FakeRecorder whose Events channel buffers bufferSize events.
func NewFakeRecorder(bufferSize int) *FakeRecorder {
	return &FakeRecorder{Events: make(chan string, bufferSize)}
}

// Eventf implements EventRecorder.
func (f *FakeRecorder) Eventf(regarding, related runtime.Object, eventtype, reason, action, note string, args ...interface{}) {
	f.write(regarding, related, nil, eventtype, reason, action, fmt.Sprintf(note, args...))
}

// AnnotatedEventf implements AnnotatedEventRecorder.
func (f *FakeRecorder) AnnotatedEventf(regarding, related runtime.Object, annotations map[string]string, eventtype, reason, action, note string, args ...interface{}) {
	f.write(regarding, related, annotations, eventtype, reason, action, fmt.Sprintf(note, args...))
}

// WithLogger implements EventRecorderLogger; the fake logs nothing.
func (f *FakeRecorder) WithLogger(klog.Logger) EventRecorderLogger { return f }

func (f *FakeRecorder) write(regarding, related runtime.Object, annotations map[string]string, eventtype, reason, action, note string) {
	if f.Events == nil {
		return
	}
	if !f.Verbose {
		f.Events <- eventtype + " " + reason + " " + note
		return
	}
	line := eventtype + " " + reason + " " + action + " " + note + kindOf(regarding) + kindOf(related)
	if len(annotations) > 0 {
		// fmt prints a map with its keys sorted.
		line += " " + fmt.Sprint(annotations)
	}
	f.Events <- line
}

// kindOf is " {kind=K,apiVersion=V}" for an object whose TypeMeta is set, else "".
func kindOf(obj runtime.Object) string {
	if obj == nil {
		return ""
	}
	gvk := obj.GetObjectKind().GroupVersionKind()
	if gvk.Empty() {
		return ""
	}
	return fmt.Sprintf(" {kind=%s,apiVersion=%s}", gvk.Kind, gvk.GroupVersion())
}
