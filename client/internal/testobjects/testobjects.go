// Package testobjects holds the API objects the runtime's tests and benchmarks decode, shaped like
// what kube-apiserver sends, so that differential tests, benchmarks and the allocation gate of several
// packages measure the same bytes. Change an object and the recorded allocation figures
// (testdata/allocgate.txt) move with it.
//
// Layer: test support, a leaf; it imports only k8s.io/api and apimachinery.
package testobjects

import (
	"net/http"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ConfigMap is a small application ConfigMap with labels.
func ConfigMap() *corev1.ConfigMap {
	return &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{
			Name: "settings", Namespace: "team-a", ResourceVersion: "4711", UID: "6a1f2b3c-0000-4000-8000-000000000001",
			Labels:            map[string]string{"app": "web", "tier": "frontend"},
			CreationTimestamp: metav1.NewTime(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)),
		},
		Data: map[string]string{"mode": "fast", "replicas": "3", "greeting": "hello world"},
	}
}

// RealisticConfigMap looks like what kube-apiserver returns for a small application ConfigMap:
// labels, an annotation, managed fields and a handful of keys.
func RealisticConfigMap() *corev1.ConfigMap {
	cm := ConfigMap()
	cm.Annotations = map[string]string{"kubectl.kubernetes.io/last-applied-configuration": `{"apiVersion":"v1","kind":"ConfigMap"}`}
	cm.ManagedFields = []metav1.ManagedFieldsEntry{{
		Manager: "kubectl-client-side-apply", Operation: metav1.ManagedFieldsOperationUpdate, APIVersion: "v1",
		Time: &cm.CreationTimestamp, FieldsType: "FieldsV1",
		FieldsV1: &metav1.FieldsV1{Raw: []byte(`{"f:data":{".":{},"f:greeting":{},"f:mode":{},"f:replicas":{}},"f:metadata":{"f:labels":{".":{},"f:app":{},"f:tier":{}}}}`)},
	}}
	for i := range 8 {
		cm.Data["key-"+strconv.Itoa(i)] = "value number " + strconv.Itoa(i) + " with some text in it"
	}
	return cm
}

// Pod is a running single-container pod.
func Pod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "team-a", Labels: map[string]string{"app": "web"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "web", Image: "nginx:1.27", Args: []string{"-g", "daemon off;"},
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m")}},
		}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning, PodIPs: []corev1.PodIP{{IP: "10.0.0.7"}}},
	}
}

// GoneStatus is the Status of a 410 for a too old resourceVersion.
func GoneStatus() *metav1.Status {
	return &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusFailure,
		Code: http.StatusGone, Reason: metav1.StatusReasonExpired, Message: "too old resource version: 1 (5)"}
}
