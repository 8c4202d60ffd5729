//go:build e2e

package kubernetes_test

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/kubernetes"
)

// TestFinalizeAgainstCluster: the test cluster runs no namespace controller, so a deleted namespace
// stays Terminating with the "kubernetes" finalizer until Finalize removes it, which deletes it.
func TestFinalizeAgainstCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	namespaces := cs.CoreV1().Namespaces()
	ns, err := namespaces.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "finalize-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := namespaces.Delete(ctx, ns.Name, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	ns, err = namespaces.Get(ctx, ns.Name, metav1.GetOptions{})
	if err != nil || ns.Status.Phase != corev1.NamespaceTerminating || len(ns.Spec.Finalizers) == 0 {
		t.Fatalf("after delete: %v, phase %q, finalizers %v; want Terminating with finalizers", err, ns.Status.Phase, ns.Spec.Finalizers)
	}
	ns.Spec.Finalizers = nil
	if _, err := namespaces.Finalize(ctx, ns, metav1.UpdateOptions{}); err != nil {
		t.Fatalf("Finalize: %v", err)
	}
	if _, err := namespaces.Get(ctx, ns.Name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("Get after Finalize to no finalizers: %v, want NotFound", err)
	}
}

// TestEvictAgainstCluster evicts unscheduled pods (deleted at once) with EvictV1 and EvictV1beta1,
// and gets NotFound for a pod that is not there.
func TestEvictAgainstCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	ns, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "evict-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pods := cs.CoreV1().Pods(ns.Name)
	for _, name := range []string{"v1", "v1beta1"} {
		pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "example.invalid/none"}}}}
		if _, err := pods.Create(ctx, pod, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := pods.EvictV1(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "v1"}}); err != nil {
		t.Fatalf("EvictV1: %v", err)
	}
	if err := pods.EvictV1beta1(ctx, &policyv1beta1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "v1beta1"}}); err != nil {
		t.Fatalf("EvictV1beta1: %v", err)
	}
	for _, name := range []string{"v1", "v1beta1"} {
		if _, err := pods.Get(ctx, name, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
			t.Errorf("pod %s after its eviction: %v, want NotFound", name, err)
		}
	}
	if err := pods.EvictV1(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "v1"}}); !apierrors.IsNotFound(err) {
		t.Errorf("evicting a missing pod: %v, want NotFound", err)
	}
}
