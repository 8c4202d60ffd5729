package fake_test

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/kubernetes/fake"
)

// TestFinalizeOnFake: with the namespace lifecycle on, a deleted namespace stays Terminating while
// spec.finalizers holds "kubernetes"; Finalize writes only spec.finalizers (a label in the request is
// ignored), and Finalize to no finalizers deletes it, as the apiserver does.
func TestFinalizeOnFake(t *testing.T) {
	ctx := context.Background()
	cs := fake.NewClientset()
	if err := cs.Tracker().SetNamespaceLifecycle(true); err != nil {
		t.Fatal(err)
	}
	namespaces := cs.CoreV1().Namespaces()
	ns, err := namespaces.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "doomed"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ns.Spec.Finalizers = append(ns.Spec.Finalizers, "example.com/cleanup")
	ns.Labels = map[string]string{"ignored": "yes"}
	got, err := namespaces.Finalize(ctx, ns, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Spec.Finalizers) != 2 || got.Labels["ignored"] != "" {
		t.Fatalf("Finalize answered finalizers %v labels %v, want [kubernetes example.com/cleanup] and no new label", got.Spec.Finalizers, got.Labels)
	}
	if err := namespaces.Delete(ctx, "doomed", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	ns, err = namespaces.Get(ctx, "doomed", metav1.GetOptions{})
	if err != nil || ns.Status.Phase != corev1.NamespaceTerminating {
		t.Fatalf("after delete: %v, phase %q, want Terminating", err, ns.Status.Phase)
	}
	ns.Spec.Finalizers = []corev1.FinalizerName{"example.com/cleanup"}
	if _, err := namespaces.Finalize(ctx, ns, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := namespaces.Get(ctx, "doomed", metav1.GetOptions{}); err != nil {
		t.Fatalf("a terminating namespace with a finalizer left is gone: %v", err)
	}
	ns.ResourceVersion = ""
	ns.Spec.Finalizers = nil
	if _, err := namespaces.Finalize(ctx, ns, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := namespaces.Get(ctx, "doomed", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("Get after the last finalizer went: %v, want NotFound", err)
	}
	if _, err := namespaces.Finalize(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "missing"}}, metav1.UpdateOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("Finalize of a missing namespace: %v, want NotFound", err)
	}
}

// TestEvictVersionsOnFake: Evict (policy/v1beta1, client-go's deprecated form), EvictV1 and
// EvictV1beta1 each delete their pod.
func TestEvictVersionsOnFake(t *testing.T) {
	ctx := context.Background()
	pod := func(name string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns"}}
	}
	cs := fake.NewSimpleClientset(pod("a"), pod("b"), pod("c")) //nolint:staticcheck // client-go's name, on purpose
	pods := cs.CoreV1().Pods("ns")
	if err := pods.Evict(ctx, &policyv1beta1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "a"}}); err != nil { //nolint:staticcheck // client-go's deprecated form, on purpose
		t.Fatal(err)
	}
	if err := pods.EvictV1(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "b"}}); err != nil {
		t.Fatal(err)
	}
	if err := pods.EvictV1beta1(ctx, &policyv1beta1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "c"}}); err != nil {
		t.Fatal(err)
	}
	list, err := pods.List(ctx, metav1.ListOptions{})
	if err != nil || len(list.Items) != 0 {
		t.Fatalf("after evicting all three: %v, %d pods left", err, len(list.Items))
	}
	if err := pods.EvictV1(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "a"}}); !apierrors.IsNotFound(err) {
		t.Fatalf("evicting a missing pod: %v, want NotFound", err)
	}
}
