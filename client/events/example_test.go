package events_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/events"
)

// A controller takes an EventRecorder; in production it comes from a broadcaster recording to the
// API server (events.NewBroadcaster(&events.EventSinkImpl{Interface: clientset.EventsV1()}),
// StartRecordingToSinkWithContext(ctx) and NewRecorder(scheme.Scheme, "example.com/my-controller"));
// in tests a FakeRecorder collects the events as lines.
func Example() {
	var recorder events.EventRecorder = events.NewFakeRecorder(10)
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web"}}
	recorder.Eventf(pod, nil, corev1.EventTypeWarning, "FailedSync", "Sync", "attempt %d failed", 3)
	fmt.Println(<-recorder.(*events.FakeRecorder).Events)
	// Output: Warning FailedSync attempt 3 failed
}
