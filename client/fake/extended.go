package fake

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
)

// ListSubresource lists into result: built in for the collection (name ""), as List converted to
// result's type; subresources are NotFound unless a reactor handles them.
func (c *Client[T, L]) ListSubresource(ctx context.Context, name, subresource string, opts metav1.ListOptions, result runtime.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if name != "" {
		if handled, ret, err := c.tracker.react(c.listAction(name, subresource, opts)); handled {
			return into(result, ret, err)
		}
		return c.noSubresource(subresource, name)
	}
	list, err := c.List(ctx, opts)
	return into(result, list, err)
}

// PatchSubresource patches as Patch does and reads the answer into result, converted to its type.
func (c *Client[T, L]) PatchSubresource(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	result runtime.Object, subresources ...string) error {
	obj, err := c.Patch(ctx, name, pt, data, opts, subresources...)
	return into(result, obj, err)
}
