//go:build e2e

package e2e_test

import (
	"context"
	"os"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/events"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/kubernetes/scheme"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

func clientset(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// waitForEvents polls the events.k8s.io/v1 events about the object named regarding in ns until
// done accepts them, failing after 30s.
func waitForEvents(t *testing.T, cs *kubernetes.Clientset, ns, regarding string, done func([]eventsv1.Event) bool) []eventsv1.Event {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		list, err := cs.EventsV1().Events(ns).List(ctx, metav1.ListOptions{FieldSelector: "regarding.name=" + regarding})
		if err != nil {
			t.Fatal(err)
		}
		if done(list.Items) {
			return list.Items
		}
		if time.Now().After(deadline) {
			t.Fatalf("events about %s/%s: %+v", ns, regarding, list.Items)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestSeriesOnRealServer records an event about a real ConfigMap through events.k8s.io/v1, then
// repeats it: the server holds one event, which the repeat turned into a series of count 2; the
// same event read through core/v1 carries the count as the server maps it.
func TestSeriesOnRealServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cs := clientset(t)
	cm, err := cs.CoreV1().ConfigMaps("default").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "events-series"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := events.NewBroadcaster(&events.EventSinkImpl{Interface: cs.EventsV1()})
	defer b.Shutdown()
	if err := b.StartRecordingToSinkWithContext(ctx); err != nil {
		t.Fatal(err)
	}
	r := b.NewRecorder(scheme.Scheme, "kubegen.io/e2e")

	r.Eventf(cm, nil, corev1.EventTypeNormal, "Observed", "Observe", "seen %d keys", 0)
	first := waitForEvents(t, cs, "default", cm.Name, func(ev []eventsv1.Event) bool { return len(ev) == 1 })[0]
	host, _ := os.Hostname()
	if first.ReportingController != "kubegen.io/e2e" || first.ReportingInstance != "kubegen.io/e2e-"+host ||
		first.Regarding.Kind != "ConfigMap" || first.Regarding.UID != cm.UID || first.Series != nil ||
		first.Action != "Observe" || first.Note != "seen 0 keys" {
		t.Errorf("first event %+v", first)
	}

	r.Eventf(cm, nil, corev1.EventTypeNormal, "Observed", "Observe", "seen %d keys", 0)
	ev := waitForEvents(t, cs, "default", cm.Name, func(ev []eventsv1.Event) bool { return len(ev) == 1 && ev[0].Series != nil })
	if e := ev[0]; e.Name != first.Name || e.Series.Count != 2 || e.Series.LastObservedTime.IsZero() {
		t.Errorf("after a repeat: %q series %+v, want %q with count 2", e.Name, e.Series, first.Name)
	}
	core, err := cs.CoreV1().Events("default").Get(ctx, first.Name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if core.Series == nil || core.Series.Count != 2 || core.InvolvedObject.Name != cm.Name || core.Action != "Observe" {
		t.Errorf("the event through core/v1: series %+v involvedObject %+v action %q", core.Series, core.InvolvedObject, core.Action)
	}
}

// TestAdapterOnRealServer: the server serves events.k8s.io/v1, so the adapter's recorder writes
// events.k8s.io/v1 events (they have an action and a reporting controller, which the core/v1
// recorder's do not set as such).
func TestAdapterOnRealServer(t *testing.T) {
	ctx := context.Background()
	cs := clientset(t)
	cm, err := cs.CoreV1().ConfigMaps("default").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "events-adapter"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a := events.NewEventBroadcasterAdapter(cs)
	defer a.Shutdown()
	stop := make(chan struct{})
	defer close(stop)
	a.StartRecordingToSink(stop)
	a.NewRecorder("kubegen.io/adapter").Eventf(cm, nil, corev1.EventTypeWarning, "Broken", "Check", "broken")
	e := waitForEvents(t, cs, "default", cm.Name, func(ev []eventsv1.Event) bool { return len(ev) == 1 })[0]
	if e.Action != "Check" || e.ReportingController != "kubegen.io/adapter" || e.Type != "Warning" || e.Note != "broken" {
		t.Errorf("event %+v, want one written through events.k8s.io/v1", e)
	}
}
