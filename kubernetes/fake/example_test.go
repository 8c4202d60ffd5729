package fake_test

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/kubernetes/fake"
)

// The fake clientset behaves like the API server: here a pod is bound to a node, then evicted, which
// deletes it gracefully: it stays, terminating, until its kubelet (here, a delete with grace period 0)
// removes it.
func Example() {
	ctx := context.Background()
	cs := fake.NewClientset(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "default"}})
	pods := cs.CoreV1().Pods("default")
	binding := &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "web-0"}, Target: corev1.ObjectReference{Kind: "Node", Name: "node-a"}}
	if err := pods.Bind(ctx, binding, metav1.CreateOptions{}); err != nil {
		panic(err)
	}
	pod, _ := pods.Get(ctx, "web-0", metav1.GetOptions{})
	fmt.Println(pod.Name, "on", pod.Spec.NodeName)

	if err := pods.EvictV1(ctx, &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "web-0"}}); err != nil {
		panic(err)
	}
	pod, _ = pods.Get(ctx, "web-0", metav1.GetOptions{})
	fmt.Println(pod.Name, "terminating:", pod.DeletionTimestamp != nil, "grace:", *pod.DeletionGracePeriodSeconds)

	now := int64(0)
	if err := pods.Delete(ctx, "web-0", metav1.DeleteOptions{GracePeriodSeconds: &now}); err != nil {
		panic(err)
	}
	list, _ := pods.List(ctx, metav1.ListOptions{})
	fmt.Println(len(list.Items), "pods left")
	// Output:
	// web-0 on node-a
	// web-0 terminating: true grace: 30
	// 0 pods left
}
