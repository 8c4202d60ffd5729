//go:build e2e

package streaming

import (
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var (
	kubeletOnce sync.Once
	kubeletErr  error
)

// containerName is the one container of every test pod.
const containerName = "main"

// newPod creates a namespace (with its "default" ServiceAccount, as no controller-manager makes one)
// and a pod bound to the fake kubelet's node, and returns the namespace and pod name.
func newPod(t testing.TB) (namespace, pod string) {
	t.Helper()
	startKubelet(t)
	core := adminCore(t)
	ctx := t.Context()
	ns := &corev1.Namespace{}
	if err := core.Post().Resource("namespaces").
		Body(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "streaming-"}}).
		Do(ctx).Into(ns); err != nil {
		t.Fatalf("creating namespace: %v", err)
	}
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "default"}}
	if err := core.Post().Namespace(ns.Name).Resource("serviceaccounts").Body(sa).Do(ctx).Error(); err != nil {
		t.Fatalf("creating service account: %v", err)
	}
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "target"},
		Spec: corev1.PodSpec{
			NodeName:   nodeName,
			Containers: []corev1.Container{{Name: containerName, Image: "kubegen.test/none"}},
		},
	}
	if err := core.Post().Namespace(ns.Name).Resource("pods").Body(p).Do(ctx).Error(); err != nil {
		t.Fatalf("creating pod: %v", err)
	}
	return ns.Name, p.Name
}
