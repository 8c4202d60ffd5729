package fake_test

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/record"
	"github.com/kubegen/kubegen/kubernetes/fake"
	"github.com/kubegen/kubegen/kubernetes/scheme"
	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// TestEventRecorderOnFake records the same event twice through EventSinkImpl over the fake
// clientset: one Event, created in the object's namespace, then patched to count 2; Search finds
// it, and a client bound to another namespace refuses to write it.
func TestEventRecorderOnFake(t *testing.T) {
	cs := fake.NewClientset()
	b := record.NewBroadcaster()
	defer b.Shutdown()
	b.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface: cs.CoreV1().Events("")})
	r := b.NewRecorder(scheme.Scheme, corev1.EventSource{Component: "test"})
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "web", UID: "u1"}}
	r.Event(pod, corev1.EventTypeNormal, "Synced", "synced")
	r.Event(pod, corev1.EventTypeNormal, "Synced", "synced")

	ctx := context.Background()
	deadline := time.Now().Add(10 * time.Second)
	for {
		list, err := cs.CoreV1().Events("ns").Search(scheme.Scheme, pod)
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Items) == 1 && list.Items[0].Count == 2 {
			e := list.Items[0]
			if e.InvolvedObject.Kind != "Pod" || e.InvolvedObject.UID != "u1" || e.Reason != "Synced" {
				t.Errorf("event %+v", e)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("events about the pod: %+v; want one with count 2", list.Items)
		}
		time.Sleep(10 * time.Millisecond)
	}
	other := &corev1.Event{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "x"}}
	if _, err := cs.CoreV1().Events("elsewhere").CreateWithEventNamespaceWithContext(ctx, other); err == nil {
		t.Error("a client of namespace elsewhere wrote an event of namespace ns")
	}
}
