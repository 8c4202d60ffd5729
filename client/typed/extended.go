package typed

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/rest"
)

// ListSubresource lists into result, whose type may differ from the resource's list: the
// collection when name is "", else the named object's subresource. Generated clients call it for
// +genclient:method=...,verb=list.
func (c *Client[T, L]) ListSubresource(ctx context.Context, name, subresource string, opts metav1.ListOptions, result runtime.Object) error {
	r := c.target(c.client.Get(), name, subresource)
	return r.VersionedParams(&opts, c.parameterCodec).Timeout(timeout(opts.TimeoutSeconds)).Do(ctx).Into(result)
}

// PatchSubresource patches the named object, or the subresource named by subresources, and reads
// the answer into result, whose type may differ from the resource's. Generated clients call it for
// +genclient:method=...,verb=patch.
func (c *Client[T, L]) PatchSubresource(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	result runtime.Object, subresources ...string) error {
	return c.client.Patch(pt).Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresources...).
		VersionedParams(&opts, c.parameterCodec).Body(data).Do(ctx).Into(result)
}

// target addresses r at the resource's collection when name is "", else at the named object's
// subresource (the object itself when subresource is "").
func (c *Client[T, L]) target(r *rest.Request, name, subresource string) *rest.Request {
	r = r.Namespace(c.namespace).Resource(c.resource)
	if name == "" {
		return r
	}
	return r.Name(name).SubResource(subresource)
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
