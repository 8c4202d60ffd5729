package fake

import (
	"context"
	"encoding/json"
	"reflect"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/typed"
)

// ClientWithApply is the fake of typed.ClientWithApply: Client whose Apply and ApplyStatus take
// apply configurations C. The configuration is applied as the JSON the real client sends, through
// the tracker's server-side apply (with the tracker's schema, see Tracker.SetSchema), and it is
// refused before the tracker, with the real client's errors, when nil, without a name or without a
// FieldManager.
type ClientWithApply[T Object, L runtime.Object, C typed.ApplyConfiguration] struct {
	*Client[T, L]
}

// NewClientWithApply is NewClient for a ClientWithApply.
func NewClientWithApply[T Object, L runtime.Object, C typed.ApplyConfiguration](tracker *Tracker, gvr schema.GroupVersionResource,
	gvk schema.GroupVersionKind, namespace string, newObject func() T, newList func() L, opts ...Option) *ClientWithApply[T, L, C] {
	return &ClientWithApply[T, L, C]{Client: NewClient(tracker, gvr, gvk, namespace, newObject, newList, opts...)}
}

// Apply applies cfg with server-side apply, as typed.ClientWithApply.Apply does.
func (c *ClientWithApply[T, L, C]) Apply(ctx context.Context, cfg C, opts metav1.ApplyOptions) (T, error) {
	return c.applyConfiguration(ctx, cfg, opts, "")
}

// ApplyStatus applies cfg through the status subresource.
func (c *ClientWithApply[T, L, C]) ApplyStatus(ctx context.Context, cfg C, opts metav1.ApplyOptions) (T, error) {
	return c.applyConfiguration(ctx, cfg, opts, "status")
}

func (c *ClientWithApply[T, L, C]) applyConfiguration(ctx context.Context, cfg C, opts metav1.ApplyOptions, subresource string) (T, error) {
	name := ""
	if !isNilAny(cfg) {
		if n := cfg.GetName(); n != nil {
			name = *n
		}
	}
	result := c.newObject()
	if err := c.ApplySubresourceConfiguration(ctx, name, subresource, cfg, opts, result); err != nil {
		return c.newObject(), err
	}
	return result, nil
}

// ApplySubresourceConfiguration is ApplySubresource with an apply configuration as the body, as
// typed.Client's: "" and "status" apply it to the object, "scale" applies a Scale's replicas.
func (c *Client[T, L]) ApplySubresourceConfiguration(ctx context.Context, name, subresource string, cfg any,
	opts metav1.ApplyOptions, result runtime.Object) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	resource := c.resource.Resource
	if subresource != "" {
		resource += "/" + subresource
	}
	data, err := typed.EncodeApplyConfiguration(resource, name, cfg, opts)
	if err != nil {
		return err
	}
	if handled, ret, err := c.tracker.react(c.patchAction(name, subresource, types.ApplyPatchType, data, opts.ToPatchOptions())); handled {
		return into(result, ret, err)
	}
	switch subresource {
	case "", "status":
		obj, err := c.tracker.Patch(c.resource, c.namespace, name, types.ApplyPatchType, data, opts.ToPatchOptions(), subresource)
		if err != nil {
			return err
		}
		converted, err := c.convert(obj)
		return into(result, converted, err)
	case "scale":
		obj, err := c.tracker.applyScale(c.resource, c.namespace, name, json.RawMessage(data), opts.ToPatchOptions())
		if err != nil {
			return err
		}
		return scaleInto(result, obj)
	}
	return c.noSubresource(subresource, name)
}

// isNilAny tells whether v is nil or a nil pointer.
func isNilAny(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}
