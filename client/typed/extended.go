package typed

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
)

// ListSubresource lists into result, whose type may differ from the resource's list: the
// collection when name is "", else the named object's subresource. Generated clients call it for
// +genclient:method=...,verb=list.
func (c *Client[T, L]) ListSubresource(ctx context.Context, name, subresource string, opts metav1.ListOptions, result runtime.Object) error {
	return c.core.ListSubresource(ctx, name, subresource, opts, result)
}

// PatchSubresource patches the named object, or the subresource named by subresources, and reads
// the answer into result, whose type may differ from the resource's. Generated clients call it for
// +genclient:method=...,verb=patch.
func (c *Client[T, L]) PatchSubresource(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	result runtime.Object, subresources ...string) error {
	return c.core.PatchSubresource(ctx, name, pt, data, opts, result, subresources...)
}

// NameOf is the name of obj, "" when obj is nil or has no object metadata: generated methods that
// address an object by its body (+genclient:method verb=update or apply without a subresource) use
// it, and the request then fails with a clear error instead of a nil dereference.
func NameOf(obj runtime.Object) string {
	if m, ok := obj.(metav1.Object); ok && !isNil(obj) {
		return m.GetName()
	}
	return ""
}
