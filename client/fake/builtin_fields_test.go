package fake_test

import (
	"context"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/fake"
)

func pod(name, node string, phase corev1.PodPhase, hostNetwork bool, ips ...string) *corev1.Pod {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name},
		Spec:       corev1.PodSpec{NodeName: node, HostNetwork: hostNetwork},
		Status:     corev1.PodStatus{Phase: phase},
	}
	for _, ip := range ips {
		p.Status.PodIPs = append(p.Status.PodIPs, corev1.PodIP{IP: ip})
	}
	return p
}

// The field selectors the apiserver supports for built-in kinds work without registration.
func TestBuiltinFieldSelectors(t *testing.T) {
	tr := newTracker(t,
		pod("a", "n1", corev1.PodRunning, false, "10.0.0.1", "fd00::1"), pod("b", "n2", corev1.PodPending, true),
		pod("c", "n1", corev1.PodPending, false),
	)
	pods := fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("pods"), corev1.SchemeGroupVersion.WithKind("Pod"), "ns",
		func() *corev1.Pod { return &corev1.Pod{} }, func() *corev1.PodList { return &corev1.PodList{} })
	tests := []struct {
		selector string
		want     []string
	}{
		{"spec.nodeName=n1", []string{"a", "c"}},
		{"spec.host=n2", []string{"b"}},
		{"status.phase=Pending,spec.nodeName=n1", []string{"c"}},
		{"spec.hostNetwork=true", []string{"b"}},
		{"spec.hostNetwork!=true", []string{"a", "c"}},
		{"status.podIP=10.0.0.1", []string{"a"}},
		{"spec.nodeName=", []string{}},
	}
	for _, tt := range tests {
		list, err := pods.List(context.Background(), metav1.ListOptions{FieldSelector: tt.selector})
		if err != nil {
			t.Fatalf("%s: %v", tt.selector, err)
		}
		got := []string{}
		for _, p := range list.Items {
			got = append(got, p.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.selector, got, tt.want)
		}
	}
	if _, err := pods.List(context.Background(), metav1.ListOptions{FieldSelector: "spec.priority=1"}); !apierrors.IsBadRequest(err) {
		t.Errorf("unsupported pod field: %v", err)
	}
}
