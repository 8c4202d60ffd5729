package events

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/discovery"
	clientfake "github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/kubernetes/fake"
	"github.com/kubegen/kubegen/kubernetes/scheme"
)

// clock is a settable time for the series window.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// started is a broadcaster over a fake clientset, recording to it, with a fake clock.
type started struct {
	cs    *fake.Clientset
	b     *broadcaster
	clock *clock
	ctx   context.Context
}

func start(t *testing.T) *started {
	t.Helper()
	cs := fake.NewClientset()
	c := &clock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	b := newBroadcaster(&EventSinkImpl{Interface: cs.EventsV1()}, time.Millisecond, c.Now)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); b.Shutdown() })
	if err := b.StartRecordingToSinkWithContext(ctx); err != nil {
		t.Fatal(err)
	}
	return &started{cs: cs, b: b, clock: c, ctx: ctx}
}

// waitFor polls cond until it holds, failing the test after 10s with what describe says.
func waitFor(t *testing.T, cond func() bool, describe func() string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", describe())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// events lists the events.k8s.io/v1 events of namespace ns.
func (s *started) events(t *testing.T, ns string) []eventsv1.Event {
	t.Helper()
	list, err := s.cs.EventsV1().Events(ns).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return list.Items
}

// writes counts the create and patch calls on events.k8s.io/v1 events.
func (s *started) writes() (creates, patches int) {
	for _, a := range s.cs.Tracker().Actions() {
		if a.GetResource().Group != "events.k8s.io" {
			continue
		}
		switch a.GetVerb() {
		case "create":
			creates++
		case "patch":
			patches++
		}
	}
	return creates, patches
}

// seriesCount is the count the broadcaster holds in memory for the isomorphism of e (0: none open).
func (s *started) seriesCount(e *eventsv1.Event) int32 {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	open, ok := s.b.open[isomorphismOf(e)]
	switch {
	case !ok:
		return 0
	case open.Series == nil:
		return 1
	}
	return open.Series.Count
}

func pod() *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "web", UID: "u1", ResourceVersion: "7"}}
}

// TestEventfCreatesEvent records one event and checks every field client-go's recorder sets.
func TestEventfCreatesEvent(t *testing.T) {
	s := start(t)
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1", UID: "u2"}}
	s.b.NewRecorder(scheme.Scheme, "example.com/ctrl").Eventf(pod(), node, corev1.EventTypeWarning, "FailedScheduling", "Scheduling", "no fit: %d nodes", 3)

	waitFor(t, func() bool { return len(s.events(t, "ns")) == 1 }, func() string { return "one event in ns" })
	e := s.events(t, "ns")[0]
	host, _ := os.Hostname()
	if !regexp.MustCompile(`^web\.[0-9a-f]+$`).MatchString(e.Name) {
		t.Errorf("name %q, want web.<hex time>", e.Name)
	}
	if want := s.clock.Now(); !e.EventTime.Time.Equal(want) || e.Name != fmt.Sprintf("web.%x", want.UnixNano()) {
		t.Errorf("eventTime %v name %q, want %v and its hex nanoseconds", e.EventTime, e.Name, want)
	}
	want := corev1.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: "ns", Name: "web", UID: "u1", ResourceVersion: "7"}
	if e.Regarding != want {
		t.Errorf("regarding %+v, want %+v", e.Regarding, want)
	}
	if e.Related == nil || e.Related.Kind != "Node" || e.Related.Name != "n1" || e.Related.UID != "u2" {
		t.Errorf("related %+v, want the node", e.Related)
	}
	if e.ReportingController != "example.com/ctrl" || e.ReportingInstance != "example.com/ctrl-"+host {
		t.Errorf("reporting %q %q, want the controller and <controller>-<hostname>", e.ReportingController, e.ReportingInstance)
	}
	if e.Type != "Warning" || e.Reason != "FailedScheduling" || e.Action != "Scheduling" || e.Note != "no fit: 3 nodes" || e.Series != nil {
		t.Errorf("event %+v", e)
	}
}

// TestRepeatBecomesSeries follows one series through its life: created, patched into a series on
// the first repeat, counted in memory on later repeats, written by the heartbeat, closed with its
// final count once quiet for 6 minutes, after which a repeat starts a new event.
func TestRepeatBecomesSeries(t *testing.T) {
	s := start(t)
	r := s.b.NewRecorder(scheme.Scheme, "ctrl")
	record := func() { r.Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced") }

	record()
	waitFor(t, func() bool { return len(s.events(t, "ns")) == 1 }, func() string { return "the first event" })
	first := s.events(t, "ns")[0]

	s.clock.Add(time.Second)
	record()
	waitFor(t, func() bool {
		ev := s.events(t, "ns")
		return len(ev) == 1 && ev[0].Series != nil
	}, func() string { return "the event to become a series" })
	e := s.events(t, "ns")[0]
	if e.Name != first.Name || e.Series.Count != 2 || !e.Series.LastObservedTime.Time.Equal(s.clock.Now()) {
		t.Errorf("after a repeat: %q series %+v, want %q count 2 at %v", e.Name, e.Series, first.Name, s.clock.Now())
	}
	if c, p := s.writes(); c != 1 || p != 1 {
		t.Errorf("%d creates and %d patches, want 1 and 1", c, p)
	}

	record()
	record()
	waitFor(t, func() bool { return s.seriesCount(&first) == 4 }, func() string { return "a count of 4 in memory" })
	if c, p := s.writes(); c != 1 || p != 1 {
		t.Errorf("later repeats wrote: %d creates and %d patches, want 1 and 1 until the heartbeat", c, p)
	}

	s.b.heartbeat(s.ctx)
	if e := s.events(t, "ns")[0]; e.Series == nil || e.Series.Count != 4 {
		t.Errorf("after the heartbeat the server has series %+v, want count 4", e.Series)
	}

	record()
	waitFor(t, func() bool { return s.seriesCount(&first) == 5 }, func() string { return "a count of 5 in memory" })
	s.clock.Add(seriesFinish - time.Second)
	s.b.finishSeries(s.ctx)
	if s.seriesCount(&first) != 5 {
		t.Fatalf("a series quiet for less than 6 minutes was closed")
	}
	s.clock.Add(2 * time.Second)
	s.b.finishSeries(s.ctx)
	if n := s.seriesCount(&first); n != 0 {
		t.Fatalf("a series quiet for over 6 minutes is still open (count %d)", n)
	}
	if e := s.events(t, "ns")[0]; e.Series == nil || e.Series.Count != 5 {
		t.Errorf("closing the series wrote %+v, want its final count 5", e.Series)
	}

	record()
	waitFor(t, func() bool { return len(s.events(t, "ns")) == 2 }, func() string { return "a new event after the series closed" })
}

// TestSeriesOfDeletedEventIsCreated deletes the stored event before its first repeat: the patch
// finds nothing, and the series is created instead.
func TestSeriesOfDeletedEventIsCreated(t *testing.T) {
	s := start(t)
	r := s.b.NewRecorder(scheme.Scheme, "ctrl")
	r.Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	waitFor(t, func() bool { return len(s.events(t, "ns")) == 1 }, func() string { return "the first event" })
	name := s.events(t, "ns")[0].Name
	if err := s.cs.EventsV1().Events("ns").Delete(s.ctx, name, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	r.Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	waitFor(t, func() bool {
		ev := s.events(t, "ns")
		return len(ev) == 1 && ev[0].Series != nil
	}, func() string { return "the series to be created" })
	if e := s.events(t, "ns")[0]; e.Name != name || e.Series.Count != 2 {
		t.Errorf("got %q series %+v, want %q count 2", e.Name, e.Series, name)
	}
}

// TestDistinctEventsAreNotASeries records events differing in one part of the isomorphism each:
// every one is an event of its own.
func TestDistinctEventsAreNotASeries(t *testing.T) {
	s := start(t)
	r := s.b.NewRecorder(scheme.Scheme, "ctrl")
	other := pod()
	other.Name = "db"
	r.Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	s.clock.Add(time.Microsecond)
	r.Eventf(pod(), nil, corev1.EventTypeWarning, "Synced", "Sync", "synced")
	s.clock.Add(time.Microsecond)
	r.Eventf(pod(), nil, corev1.EventTypeNormal, "Failed", "Sync", "synced")
	s.clock.Add(time.Microsecond)
	r.Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Delete", "synced")
	s.clock.Add(time.Microsecond)
	r.Eventf(other, nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	s.clock.Add(time.Microsecond)
	r.Eventf(pod(), other, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	s.clock.Add(time.Microsecond)
	s.b.NewRecorder(scheme.Scheme, "ctrl2").Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	// The note is not part of it: this one repeats the first.
	r.Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "another note")
	waitFor(t, func() bool {
		_, p := s.writes()
		return len(s.events(t, "ns")) == 7 && p == 1
	}, func() string {
		c, p := s.writes()
		return fmt.Sprintf("%d events, %d creates, %d patches; want seven events and one series patch", len(s.events(t, "ns")), c, p)
	})
}

// TestRefusedEvents: an unsupported type and an object without metadata record nothing; a related
// object that cannot be referred to is left out.
func TestRefusedEvents(t *testing.T) {
	s := start(t)
	r := s.b.NewRecorder(scheme.Scheme, "ctrl")
	r.Eventf(pod(), nil, "Info", "Synced", "Sync", "bad type")
	r.Eventf(&metav1.Status{}, nil, corev1.EventTypeNormal, "Synced", "Sync", "no metadata")
	r.Eventf(pod(), &metav1.Status{}, corev1.EventTypeNormal, "Synced", "Sync", "bad related")
	waitFor(t, func() bool { return len(s.events(t, "ns")) == 1 }, func() string { return "one event" })
	time.Sleep(50 * time.Millisecond)
	ev := s.events(t, "ns")
	if len(ev) != 1 || ev[0].Note != "bad related" || ev[0].Related != nil {
		t.Errorf("events %+v, want only the one with the bad related object, without it", ev)
	}
}

// TestRetriesNetworkErrors: a sink failing with a non-API error twice gets the event on the third try.
func TestRetriesNetworkErrors(t *testing.T) {
	s := start(t)
	var failures int
	var mu sync.Mutex
	s.cs.Tracker().PrependReactor("create", "events", func(a clientfake.Action) (bool, runtime.Object, error) {
		mu.Lock()
		defer mu.Unlock()
		if failures < 2 {
			failures++
			return true, nil, syscall.ECONNREFUSED
		}
		return false, nil, nil
	})
	s.b.NewRecorder(scheme.Scheme, "ctrl").Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	waitFor(t, func() bool { return len(s.events(t, "ns")) == 1 }, func() string { return "the event after two failures" })
}

// TestRefusalIsNotRetried: an event the server refuses is written once.
func TestRefusalIsNotRetried(t *testing.T) {
	s := start(t)
	s.cs.Tracker().PrependReactor("create", "events", func(a clientfake.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewForbidden(schema.GroupResource{Group: "events.k8s.io", Resource: "events"}, "x", nil)
	})
	s.b.NewRecorder(scheme.Scheme, "ctrl").Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced")
	waitFor(t, func() bool { c, _ := s.writes(); return c >= 1 }, func() string { return "a create" })
	time.Sleep(100 * time.Millisecond) // 100 retry pauses of the test's broadcaster
	if c, _ := s.writes(); c != 1 {
		t.Errorf("%d creates of a refused event, want 1", c)
	}
}

// noEventsV1 is a clientset whose server does not serve events.k8s.io/v1.
type noEventsV1 struct {
	kubernetes.Interface
}

func (c noEventsV1) Discovery() discovery.Interface {
	return noEventsV1Discovery{c.Interface.Discovery()}
}

type noEventsV1Discovery struct{ discovery.Interface }

func (d noEventsV1Discovery) ServerResourcesForGroupVersion(ctx context.Context, gv string) (*metav1.APIResourceList, error) {
	if gv == "events.k8s.io/v1" {
		return nil, apierrors.NewNotFound(schema.GroupResource{}, gv)
	}
	return d.Interface.ServerResourcesForGroupVersion(ctx, gv)
}

// TestAdapter records through the adapter on a server serving events.k8s.io/v1 (an
// events.k8s.io/v1 event) and on one not serving it (a core/v1 event).
func TestAdapter(t *testing.T) {
	for _, tc := range []struct {
		name     string
		eventsV1 bool
	}{{"events.k8s.io/v1 served", true}, {"core/v1 fallback", false}} {
		t.Run(tc.name, func(t *testing.T) {
			cs := fake.NewClientset()
			var client kubernetes.Interface = cs
			if !tc.eventsV1 {
				client = noEventsV1{cs}
			}
			a := NewEventBroadcasterAdapter(client)
			defer a.Shutdown()
			stop := make(chan struct{})
			defer close(stop)
			a.StartRecordingToSink(stop)
			a.NewRecorder("ctrl").Eventf(pod(), nil, corev1.EventTypeNormal, "Synced", "Sync", "synced %d", 1)

			ctx := context.Background()
			waitFor(t, func() bool {
				v1, _ := cs.EventsV1().Events("ns").List(ctx, metav1.ListOptions{})
				core, _ := cs.CoreV1().Events("ns").List(ctx, metav1.ListOptions{})
				return len(v1.Items)+len(core.Items) == 1
			}, func() string { return "one event" })
			time.Sleep(50 * time.Millisecond)
			v1, _ := cs.EventsV1().Events("ns").List(ctx, metav1.ListOptions{})
			core, _ := cs.CoreV1().Events("ns").List(ctx, metav1.ListOptions{})
			if tc.eventsV1 {
				// The apiserver shows an events.k8s.io/v1 event as a core/v1 one too; the fake does not.
				if len(v1.Items) != 1 || len(core.Items) != 0 {
					t.Fatalf("%d events.k8s.io/v1 and %d core/v1 events, want 1 and 0", len(v1.Items), len(core.Items))
				}
				if e := v1.Items[0]; e.ReportingController != "ctrl" || e.Note != "synced 1" || e.Action != "Sync" {
					t.Errorf("event %+v", e)
				}
				return
			}
			if len(v1.Items) != 0 || len(core.Items) != 1 {
				t.Fatalf("%d events.k8s.io/v1 and %d core/v1 events, want 0 and 1", len(v1.Items), len(core.Items))
			}
			if e := core.Items[0]; e.Source.Component != "ctrl" || e.Message != "synced 1" || e.Reason != "Synced" || e.InvolvedObject.Kind != "Pod" {
				t.Errorf("event %+v", e)
			}
		})
	}
}

// TestLegacyRecorderAlwaysCoreV1: DeprecatedNewLegacyRecorder writes core/v1 events even where
// events.k8s.io/v1 is served.
func TestLegacyRecorderAlwaysCoreV1(t *testing.T) {
	cs := fake.NewClientset()
	a := NewEventBroadcasterAdapter(cs)
	defer a.Shutdown()
	stop := make(chan struct{})
	defer close(stop)
	a.StartRecordingToSink(stop)
	a.DeprecatedNewLegacyRecorder("ctrl").Eventf(pod(), corev1.EventTypeNormal, "Synced", "synced")
	waitFor(t, func() bool {
		core, _ := cs.CoreV1().Events("ns").List(context.Background(), metav1.ListOptions{})
		return len(core.Items) == 1 && core.Items[0].Source.Component == "ctrl"
	}, func() string { return "one core/v1 event from ctrl" })
}
