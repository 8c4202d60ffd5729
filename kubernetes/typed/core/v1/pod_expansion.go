package v1

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PodExpansion holds the pod operations that are subresources with their own body types. This file
// is written by hand; client-gen leaves PodExpansion out of generated_expansion.go because it exists.
type PodExpansion interface {
	// Evict asks the API server to evict the pod eviction names (pods/eviction). The server honours
	// PodDisruptionBudgets and answers 429 TooManyRequests while a budget forbids the eviction.
	Evict(ctx context.Context, eviction *policyv1.Eviction) error
	// Bind assigns the pod binding names to binding.Target, a node, as a scheduler does (pods/binding).
	Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error
}

// Evict implements PodExpansion.
func (c *pods) Evict(ctx context.Context, eviction *policyv1.Eviction) error {
	return c.CreateSubresource(ctx, eviction.Name, "eviction", eviction, &metav1.CreateOptions{}, &metav1.Status{})
}

// Bind implements PodExpansion.
func (c *pods) Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error {
	return c.CreateSubresource(ctx, binding.Name, "binding", binding, &opts, &metav1.Status{})
}
