package v1

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NamespaceExpansion holds the namespace operations beyond the generated ones. This file is written
// by hand; client-gen leaves NamespaceExpansion out of generated_expansion.go because it exists.
type NamespaceExpansion interface {
	// Finalize writes item's spec.finalizers through namespaces/finalize, as the namespace
	// controller does once a terminating namespace is empty; the rest of item is ignored. A
	// terminating namespace left with no finalizers is deleted. It returns the server's answer.
	Finalize(ctx context.Context, item *corev1.Namespace, opts metav1.UpdateOptions) (*corev1.Namespace, error)
}

// Finalize implements NamespaceExpansion.
func (c *namespaces) Finalize(ctx context.Context, item *corev1.Namespace, opts metav1.UpdateOptions) (*corev1.Namespace, error) {
	result := &corev1.Namespace{}
	if err := c.UpdateSubresource(ctx, item.Name, "finalize", item, &opts, result); err != nil {
		return nil, err
	}
	return result, nil
}
