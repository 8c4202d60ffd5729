package fake

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Finalize sets the namespace's spec.finalizers, as the API server's namespaces/finalize does: a
// terminating namespace left with no finalizers is deleted. This file is written by hand, next to
// the generated fake.
func (c *fakeNamespaces) Finalize(ctx context.Context, item *corev1.Namespace, opts metav1.UpdateOptions) (*corev1.Namespace, error) {
	result := &corev1.Namespace{}
	if err := c.UpdateSubresource(ctx, item.Name, "finalize", item, &opts, result); err != nil {
		return nil, err
	}
	return result, nil
}
