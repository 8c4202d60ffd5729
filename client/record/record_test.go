package record

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// memorySink stores events by namespace/name and records every call; fail makes the next calls
// fail with the errors it holds.
type memorySink struct {
	mu     sync.Mutex
	events map[string]*corev1.Event
	calls  []string
	fail   []error
	done   chan struct{}
}

func newMemorySink() *memorySink {
	return &memorySink{events: map[string]*corev1.Event{}, done: make(chan struct{}, 100)}
}

func (s *memorySink) call(verb string, e *corev1.Event) error {
	s.calls = append(s.calls, verb)
	if len(s.fail) > 0 {
		err := s.fail[0]
		s.fail = s.fail[1:]
		return err
	}
	return nil
}

func (s *memorySink) Create(e *corev1.Event) (*corev1.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.done <- struct{}{} }()
	if err := s.call("create", e); err != nil {
		return nil, err
	}
	key := e.Namespace + "/" + e.Name
	if _, ok := s.events[key]; ok {
		return nil, apierrors.NewAlreadyExists(schema.GroupResource{Resource: "events"}, e.Name)
	}
	e = e.DeepCopy()
	e.ResourceVersion = "1"
	s.events[key] = e
	return e.DeepCopy(), nil
}

func (s *memorySink) Update(e *corev1.Event) (*corev1.Event, error) {
	return nil, errors.New("update not expected")
}

func (s *memorySink) Patch(e *corev1.Event, data []byte) (*corev1.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.done <- struct{}{} }()
	if err := s.call("patch "+string(data), e); err != nil {
		return nil, err
	}
	stored, ok := s.events[e.Namespace+"/"+e.Name]
	if !ok {
		return nil, apierrors.NewNotFound(schema.GroupResource{Resource: "events"}, e.Name)
	}
	stored.Count = e.Count
	stored.Message = e.Message
	return stored.DeepCopy(), nil
}

func (s *memorySink) snapshot() (map[string]*corev1.Event, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	events := map[string]*corev1.Event{}
	for k, v := range s.events {
		events[k] = v.DeepCopy()
	}
	return events, append([]string(nil), s.calls...)
}

// waitCalls waits until the sink has answered n calls.
func (s *memorySink) waitCalls(t *testing.T, n int) {
	t.Helper()
	for range n {
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_, calls := s.snapshot()
			t.Fatalf("sink answered %v, want %d calls", calls, n)
		}
	}
}

var pod = &corev1.Pod{
	TypeMeta:   metav1.TypeMeta{Kind: "Pod", APIVersion: "v1"},
	ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "p", UID: "u1"},
}

func TestRepeatedEventIsPatched(t *testing.T) {
	sink := newMemorySink()
	b := NewBroadcaster()
	defer b.Shutdown()
	b.StartRecordingToSink(sink)
	r := b.NewRecorder(runtime.NewScheme(), corev1.EventSource{Component: "test"})

	r.Event(pod, corev1.EventTypeNormal, "Synced", "synced")
	sink.waitCalls(t, 1)
	r.Event(pod, corev1.EventTypeNormal, "Synced", "synced")
	sink.waitCalls(t, 1)

	events, calls := sink.snapshot()
	if len(events) != 1 || len(calls) != 2 || calls[0] != "create" {
		t.Fatalf("events %v, calls %v: want one event, a create then a patch", events, calls)
	}
	for _, e := range events {
		if e.Count != 2 || e.InvolvedObject.Name != "p" || e.InvolvedObject.Kind != "Pod" || e.Source.Component != "test" {
			t.Errorf("stored event: %+v", e)
		}
	}
}

func TestSpamFilterDropsOverBurst(t *testing.T) {
	sink := newMemorySink()
	now := time.Unix(1000, 0)
	b := NewBroadcaster(WithCorrelatorOptions(CorrelatorOptions{BurstSize: 3, Clock: func() time.Time { return now }}))
	defer b.Shutdown()
	b.StartRecordingToSink(sink)
	r := b.NewRecorder(nil, corev1.EventSource{Component: "test"})
	for i := range 5 {
		r.Eventf(pod, corev1.EventTypeNormal, fmt.Sprintf("Reason%d", i), "m")
	}
	sink.waitCalls(t, 3)
	time.Sleep(100 * time.Millisecond) // the two dropped events would have arrived by now
	events, calls := sink.snapshot()
	if len(calls) != 3 || len(events) != 3 {
		t.Errorf("calls %v: want 3 creates (burst 3), the rest dropped", calls)
	}
}

func TestSimilarEventsAreCombined(t *testing.T) {
	sink := newMemorySink()
	b := NewBroadcaster(WithCorrelatorOptions(CorrelatorOptions{MaxEvents: 3}))
	defer b.Shutdown()
	b.StartRecordingToSink(sink)
	r := b.NewRecorder(nil, corev1.EventSource{Component: "test"})
	for i := range 4 {
		r.Eventf(pod, corev1.EventTypeWarning, "Failed", "attempt %d", i)
	}
	sink.waitCalls(t, 4)
	events, calls := sink.snapshot()
	// Two events with their own messages, then the third different message starts a combined
	// event, which the fourth repeats.
	if len(events) != 3 || !strings.HasPrefix(calls[3], "patch") {
		t.Fatalf("events %d, calls %v", len(events), calls)
	}
	combined := 0
	for _, e := range events {
		if strings.HasPrefix(e.Message, combinedPrefix) {
			combined++
			if e.Count != 2 || e.Message != combinedPrefix+"attempt 3" {
				t.Errorf("combined event: count %d message %q", e.Count, e.Message)
			}
		}
	}
	if combined != 1 {
		t.Errorf("%d combined events, want 1", combined)
	}
}

func TestNetworkErrorsAreRetriedServerRefusalsNot(t *testing.T) {
	sink := newMemorySink()
	sink.fail = []error{&net.OpError{Op: "dial", Err: errors.New("refused")}, &net.OpError{Op: "dial", Err: errors.New("refused")}}
	b := NewBroadcaster(WithSleepDuration(time.Millisecond))
	defer b.Shutdown()
	b.StartRecordingToSink(sink)
	r := b.NewRecorder(nil, corev1.EventSource{Component: "test"})
	r.Event(pod, corev1.EventTypeNormal, "Synced", "synced")
	sink.waitCalls(t, 3)
	if events, calls := sink.snapshot(); len(events) != 1 || len(calls) != 3 {
		t.Errorf("after two network errors: events %d, calls %v; want the third create to store it", len(events), calls)
	}

	sink.mu.Lock()
	sink.fail = []error{apierrors.NewForbidden(schema.GroupResource{Resource: "events"}, "x", errors.New("no"))}
	sink.mu.Unlock()
	r.Event(pod, corev1.EventTypeNormal, "Other", "refused")
	sink.waitCalls(t, 1)
	time.Sleep(50 * time.Millisecond)
	if _, calls := sink.snapshot(); len(calls) != 4 {
		t.Errorf("a refused event was retried: calls %v", calls)
	}
}

func TestRecorderRefusesBadInput(t *testing.T) {
	var got []*corev1.Event
	var mu sync.Mutex
	b := NewBroadcaster()
	defer b.Shutdown()
	b.StartEventWatcher(func(e *corev1.Event) { mu.Lock(); got = append(got, e); mu.Unlock() })
	r := b.NewRecorder(nil, corev1.EventSource{Component: "test"})
	r.Event(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "no-kind"}}, corev1.EventTypeNormal, "R", "no kind, no scheme")
	r.Event(pod, "Bogus", "R", "bad type")
	r.Event(&corev1.ObjectReference{Kind: "Node", Name: "n1"}, corev1.EventTypeNormal, "R", "cluster-scoped")
	time.Sleep(100 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0].Namespace != metav1.NamespaceDefault || got[0].InvolvedObject.Kind != "Node" {
		t.Fatalf("events %+v: want only the Node's, in namespace default", got)
	}
}

func TestFakeRecorder(t *testing.T) {
	f := NewFakeRecorder(3)
	f.IncludeObject = true
	f.Event(pod, corev1.EventTypeNormal, "Synced", "done")
	f.Eventf(pod, corev1.EventTypeWarning, "Failed", "try %d", 2)
	f.AnnotatedEventf(pod, map[string]string{"b": "2", "a": "1"}, corev1.EventTypeNormal, "A", "x")
	want := []string{
		"Normal Synced done involvedObject{kind=Pod,apiVersion=v1}",
		"Warning Failed try 2 involvedObject{kind=Pod,apiVersion=v1}",
		"Normal A x involvedObject{kind=Pod,apiVersion=v1} map[a:1 b:2]",
	}
	for _, w := range want {
		if got := <-f.Events; got != w {
			t.Errorf("got %q, want %q", got, w)
		}
	}
}
