package typed

import (
	"context"
	"errors"
	"reflect"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
)

// ErrFieldManagerRequired is returned by Apply and ApplyStatus when ApplyOptions.FieldManager is empty:
// server-side apply records which manager owns each field, so it needs a name.
var ErrFieldManagerRequired = errors.New("typed: apply requires ApplyOptions.FieldManager")

// ErrNilObject is returned when a nil object is passed where one is written.
var ErrNilObject = errors.New("typed: object is nil")

// Client calls one resource of one group/version through a rest.Interface. It is safe for concurrent use.
// Each method makes the empty value the answer is decoded into and leaves the request to
// ResourceClient.
type Client[T Object, L runtime.Object] struct {
	core      ResourceClient
	newObject func() T
	newList   func() L
}

// NewClient returns a client for resource (the plural, e.g. "pods") in namespace; namespace "" means
// cluster-scoped resources, or all namespaces for list, watch and delete-collection of namespaced ones.
// parameterCodec encodes option structs as query parameters (nil: rest.ParameterCodec). newObject and
// newList make the empty values results are decoded into.
func NewClient[T Object, L runtime.Object](resource string, client rest.Interface, parameterCodec runtime.ParameterCodec,
	namespace string, newObject func() T, newList func() L) *Client[T, L] {
	return &Client[T, L]{core: NewResourceClient(resource, client, parameterCodec, namespace), newObject: newObject, newList: newList}
}

// RESTClient returns the REST client the typed client sends requests with.
func (c *Client[T, L]) RESTClient() rest.Interface { return c.core.client }

// Namespace returns the client's namespace ("" for cluster scope or all namespaces).
func (c *Client[T, L]) Namespace() string { return c.core.namespace }

// Get returns the named object.
func (c *Client[T, L]) Get(ctx context.Context, name string, opts metav1.GetOptions) (T, error) {
	result := c.newObject()
	return result, c.core.Get(ctx, name, opts, result)
}

// List returns the objects matching opts.
func (c *Client[T, L]) List(ctx context.Context, opts metav1.ListOptions) (L, error) {
	result := c.newList()
	return result, c.core.List(ctx, opts, result)
}

// Watch watches the objects matching opts: see ResourceClient.Watch.
func (c *Client[T, L]) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	return c.core.Watch(ctx, opts)
}

// SupportsWatchList reports that Watch passes sendInitialEvents on to the server, so informers
// (client/cache) may sync through it with a streaming watch-list.
func (c *Client[T, L]) SupportsWatchList() bool { return true }

// Create creates obj and returns it as stored.
func (c *Client[T, L]) Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error) {
	result := c.newObject()
	return result, c.core.Create(ctx, obj, opts, result)
}

// Update replaces obj. A non-empty resourceVersion makes it conditional: a stale one is a Conflict.
func (c *Client[T, L]) Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error) {
	result := c.newObject()
	return result, c.core.Update(ctx, obj, opts, result)
}

// UpdateStatus replaces the status of obj through the status subresource.
func (c *Client[T, L]) UpdateStatus(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error) {
	result := c.newObject()
	return result, c.core.Update(ctx, obj, opts, result, "status")
}

// Delete deletes the named object.
func (c *Client[T, L]) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return c.core.Delete(ctx, name, opts)
}

// DeleteCollection deletes the objects matching listOpts.
func (c *Client[T, L]) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	return c.core.DeleteCollection(ctx, opts, listOpts)
}

// Patch patches the named object, or the subresource named by subresources (e.g. "status").
func (c *Client[T, L]) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	subresources ...string) (T, error) {
	result := c.newObject()
	return result, c.core.PatchSubresource(ctx, name, pt, data, opts, result, subresources...)
}

// Apply applies obj with server-side apply: a PATCH of type application/apply-patch+yaml whose body is
// obj in JSON with its apiVersion and kind set. opts.FieldManager is required; opts.Force takes over
// fields other managers own. Only the fields set in obj are applied, but a Go struct also sends its
// fields without omitempty (e.g. an empty status), so prefer objects that set only what you manage.
func (c *Client[T, L]) Apply(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error) {
	result := c.newObject()
	return result, c.core.Apply(ctx, obj, opts, result)
}

// ApplyStatus applies the status of obj with server-side apply through the status subresource.
func (c *Client[T, L]) ApplyStatus(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error) {
	result := c.newObject()
	return result, c.core.Apply(ctx, obj, opts, result, "status")
}

// GetSubresource reads the named object's subresource (e.g. "scale") into result; opts, if not nil,
// is encoded as query parameters.
func (c *Client[T, L]) GetSubresource(ctx context.Context, name, subresource string, opts runtime.Object, result runtime.Object) error {
	return c.core.GetSubresource(ctx, name, subresource, opts, result)
}

// CreateSubresource posts body to the named object's subresource (e.g. "eviction"), or to the
// collection when name is "", and reads the answer into result.
func (c *Client[T, L]) CreateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	return c.core.CreateSubresource(ctx, name, subresource, body, opts, result)
}

// UpdateSubresource puts body to the named object's subresource (e.g. "scale") and reads the answer
// into result.
func (c *Client[T, L]) UpdateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	return c.core.UpdateSubresource(ctx, name, subresource, body, opts, result)
}

// timeout converts ListOptions.TimeoutSeconds to a request timeout (0: none).
func timeout(seconds *int64) time.Duration {
	if seconds == nil {
		return 0
	}
	return time.Duration(*seconds) * time.Second
}

func isNil(obj runtime.Object) bool {
	if obj == nil {
		return true
	}
	v := reflect.ValueOf(obj)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
