package record_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/record"
)

// A controller takes an EventRecorder; in production it comes from a broadcaster recording to the
// API server (broadcaster.StartRecordingToSink(&typedcorev1.EventSinkImpl{Interface:
// clientset.CoreV1().Events("")}) and broadcaster.NewRecorder(scheme.Scheme, source)); in tests a
// FakeRecorder collects the events as lines.
func Example() {
	var recorder record.EventRecorder = record.NewFakeRecorder(10)
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web"}}
	recorder.Eventf(pod, corev1.EventTypeWarning, "FailedSync", "attempt %d failed", 3)
	fmt.Println(<-recorder.(*record.FakeRecorder).Events)
	// Output: Warning FailedSync attempt 3 failed
}
