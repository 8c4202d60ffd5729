package fake

import (
	"context"
	"encoding/json"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// Evict deletes the pod, as the API server does when no disruption budget objects. This file is
// written by hand, next to the generated fake.
func (c *fakePods) Evict(ctx context.Context, eviction *policyv1.Eviction) error {
	return c.CreateSubresource(ctx, eviction.Name, "eviction", eviction, &metav1.CreateOptions{}, &metav1.Status{})
}

// Bind sets the pod's spec.nodeName to the binding's target, as the API server does.
func (c *fakePods) Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error {
	patch, err := json.Marshal(map[string]any{"spec": map[string]any{"nodeName": binding.Target.Name}})
	if err != nil {
		return err
	}
	_, err = c.Patch(ctx, binding.Name, types.MergePatchType, patch, metav1.PatchOptions{DryRun: opts.DryRun})
	return err
}
