package typed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
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
type Client[T Object, L runtime.Object] struct {
	resource       string
	client         rest.Interface
	parameterCodec runtime.ParameterCodec
	namespace      string
	newObject      func() T
	newList        func() L
}

// NewClient returns a client for resource (the plural, e.g. "pods") in namespace; namespace "" means
// cluster-scoped resources, or all namespaces for list, watch and delete-collection of namespaced ones.
// parameterCodec encodes option structs as query parameters (nil: rest.ParameterCodec). newObject and
// newList make the empty values results are decoded into.
func NewClient[T Object, L runtime.Object](resource string, client rest.Interface, parameterCodec runtime.ParameterCodec,
	namespace string, newObject func() T, newList func() L) *Client[T, L] {
	return &Client[T, L]{resource: resource, client: client, parameterCodec: parameterCodec,
		namespace: namespace, newObject: newObject, newList: newList}
}

// RESTClient returns the REST client the typed client sends requests with.
func (c *Client[T, L]) RESTClient() rest.Interface { return c.client }

// Namespace returns the client's namespace ("" for cluster scope or all namespaces).
func (c *Client[T, L]) Namespace() string { return c.namespace }

// Get returns the named object.
func (c *Client[T, L]) Get(ctx context.Context, name string, opts metav1.GetOptions) (T, error) {
	result := c.newObject()
	err := c.client.Get().Namespace(c.namespace).Resource(c.resource).Name(name).
		VersionedParams(&opts, c.parameterCodec).Do(ctx).Into(result)
	return result, err
}

// List returns the objects matching opts.
func (c *Client[T, L]) List(ctx context.Context, opts metav1.ListOptions) (L, error) {
	result := c.newList()
	err := c.client.Get().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&opts, c.parameterCodec).Timeout(timeout(opts.TimeoutSeconds)).Do(ctx).Into(result)
	return result, err
}

// Watch watches the objects matching opts. The watch ends when ctx ends, when the server ends it
// (after opts.TimeoutSeconds, if set: the client adds no deadline of its own, so the stream ends
// cleanly rather than with a client-side timeout error), or when it is stopped.
func (c *Client[T, L]) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	return c.client.Get().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&opts, c.parameterCodec).Watch(ctx)
}

// SupportsWatchList reports that Watch passes sendInitialEvents on to the server, so informers
// (client/cache) may sync through it with a streaming watch-list.
func (c *Client[T, L]) SupportsWatchList() bool { return true }

// Create creates obj and returns it as stored.
func (c *Client[T, L]) Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error) {
	result := c.newObject()
	if isNil(obj) {
		return result, ErrNilObject
	}
	err := c.client.Post().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&opts, c.parameterCodec).Body(obj).Do(ctx).Into(result)
	return result, err
}

// Update replaces obj. A non-empty resourceVersion makes it conditional: a stale one is a Conflict.
func (c *Client[T, L]) Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error) {
	return c.put(ctx, obj, opts)
}

// UpdateStatus replaces the status of obj through the status subresource.
func (c *Client[T, L]) UpdateStatus(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error) {
	return c.put(ctx, obj, opts, "status")
}

func (c *Client[T, L]) put(ctx context.Context, obj T, opts metav1.UpdateOptions, subresources ...string) (T, error) {
	result := c.newObject()
	if isNil(obj) {
		return result, ErrNilObject
	}
	err := c.client.Put().Namespace(c.namespace).Resource(c.resource).Name(obj.GetName()).SubResource(subresources...).
		VersionedParams(&opts, c.parameterCodec).Body(obj).Do(ctx).Into(result)
	return result, err
}

// Delete deletes the named object.
func (c *Client[T, L]) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return c.client.Delete().Namespace(c.namespace).Resource(c.resource).Name(name).Body(&opts).Do(ctx).Error()
}

// DeleteCollection deletes the objects matching listOpts.
func (c *Client[T, L]) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	return c.client.Delete().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&listOpts, c.parameterCodec).Timeout(timeout(listOpts.TimeoutSeconds)).
		Body(&opts).Do(ctx).Error()
}

// Patch patches the named object, or the subresource named by subresources (e.g. "status").
func (c *Client[T, L]) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	subresources ...string) (T, error) {
	result := c.newObject()
	err := c.client.Patch(pt).Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresources...).
		VersionedParams(&opts, c.parameterCodec).Body(data).Do(ctx).Into(result)
	return result, err
}

// Apply applies obj with server-side apply: a PATCH of type application/apply-patch+yaml whose body is
// obj in JSON with its apiVersion and kind set. opts.FieldManager is required; opts.Force takes over
// fields other managers own. Only the fields set in obj are applied, but a Go struct also sends its
// fields without omitempty (e.g. an empty status), so prefer objects that set only what you manage.
func (c *Client[T, L]) Apply(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error) {
	return c.apply(ctx, obj, opts)
}

// ApplyStatus applies the status of obj with server-side apply through the status subresource.
func (c *Client[T, L]) ApplyStatus(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error) {
	return c.apply(ctx, obj, opts, "status")
}

func (c *Client[T, L]) apply(ctx context.Context, obj T, opts metav1.ApplyOptions, subresources ...string) (T, error) {
	result := c.newObject()
	if isNil(obj) {
		return result, ErrNilObject
	}
	if opts.FieldManager == "" {
		return result, ErrFieldManagerRequired
	}
	if obj.GetName() == "" {
		return result, fmt.Errorf("typed: apply of %s requires the object's name", c.resource)
	}
	body, err := c.applyBody(obj)
	if err != nil {
		return result, err
	}
	patchOpts := opts.ToPatchOptions()
	err = c.client.Patch(types.ApplyPatchType).Namespace(c.namespace).Resource(c.resource).Name(obj.GetName()).
		SubResource(subresources...).VersionedParams(&patchOpts, c.parameterCodec).Body(body).Do(ctx).Into(result)
	return result, err
}

// applyBody encodes obj as JSON with apiVersion and kind: the group/version of the REST client and the
// kind in obj's TypeMeta, or else the name of its Go type (API types are named after their kind).
func (c *Client[T, L]) applyBody(obj T) ([]byte, error) {
	gv := c.client.APIVersion()
	kind := obj.GetObjectKind().GroupVersionKind().Kind
	if kind == "" {
		kind = reflect.TypeOf(obj).Elem().Name()
	}
	cp := obj.DeepCopyObject()
	cp.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{Group: gv.Group, Version: gv.Version, Kind: kind})
	body, err := json.Marshal(cp)
	if err != nil {
		return nil, fmt.Errorf("typed: encoding %s %q for apply: %w", kind, obj.GetName(), err)
	}
	return body, nil
}

// GetSubresource reads the named object's subresource (e.g. "scale") into result; opts, if not nil,
// is encoded as query parameters.
func (c *Client[T, L]) GetSubresource(ctx context.Context, name, subresource string, opts runtime.Object, result runtime.Object) error {
	return c.client.Get().Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresource).
		VersionedParams(opts, c.parameterCodec).Do(ctx).Into(result)
}

// CreateSubresource posts body to the named object's subresource (e.g. "eviction"), or to the
// collection when name is "", and reads the answer into result.
func (c *Client[T, L]) CreateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	return c.target(c.client.Post(), name, subresource).VersionedParams(opts, c.parameterCodec).Body(body).Do(ctx).Into(result)
}

// UpdateSubresource puts body to the named object's subresource (e.g. "scale") and reads the answer
// into result.
func (c *Client[T, L]) UpdateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	return c.client.Put().Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresource).
		VersionedParams(opts, c.parameterCodec).Body(body).Do(ctx).Into(result)
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
