package typed

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
)

// ResourceClient sends the requests of one resource of one group/version and decodes each answer
// into a runtime.Object the caller passes. It is the one implementation of every request beneath
// Client, ClientWithApply and the typed clients client-gen writes: those embed it and add methods of
// a line or two that make the result and return it. Being generic in nothing, it is compiled once,
// not once per kind, which keeps generated typed packages cheap to build.
//
// Methods that return an object (Get, List, Create, Update, Apply, ApplyConfiguration) fill result
// even when they fail, as far as the answer went; the typed methods return it with the error. Use
// NewResourceClient to make one; it is safe for concurrent use.
type ResourceClient struct {
	resource       string
	client         rest.Interface
	parameterCodec runtime.ParameterCodec
	namespace      string
}

// NewResourceClient returns the client of resource (the plural, e.g. "pods") in namespace, as
// NewClient describes its arguments. It returns a value so that a typed client can embed it.
func NewResourceClient(resource string, client rest.Interface, parameterCodec runtime.ParameterCodec, namespace string) ResourceClient {
	return ResourceClient{resource: resource, client: client, parameterCodec: parameterCodec, namespace: namespace}
}

// RESTClient returns the REST client requests are sent with.
func (c *ResourceClient) RESTClient() rest.Interface { return c.client }

// Namespace returns the client's namespace ("" for cluster scope or all namespaces).
func (c *ResourceClient) Namespace() string { return c.namespace }

// SupportsWatchList reports that Watch passes sendInitialEvents on to the server, so informers
// (client/cache) may sync through it with a streaming watch-list.
func (c *ResourceClient) SupportsWatchList() bool { return true }

// Get reads the named object into result.
func (c *ResourceClient) Get(ctx context.Context, name string, opts metav1.GetOptions, result runtime.Object) error {
	return c.client.Get().Namespace(c.namespace).Resource(c.resource).Name(name).
		VersionedParams(&opts, c.parameterCodec).Do(ctx).Into(result)
}

// List reads the objects matching opts into result, a list.
func (c *ResourceClient) List(ctx context.Context, opts metav1.ListOptions, result runtime.Object) error {
	return c.client.Get().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&opts, c.parameterCodec).Timeout(timeout(opts.TimeoutSeconds)).Do(ctx).Into(result)
}

// Watch watches the objects matching opts. The watch ends when ctx ends, when the server ends it
// (after opts.TimeoutSeconds, if set: the client adds no deadline of its own, so the stream ends
// cleanly rather than with a client-side timeout error), or when it is stopped.
func (c *ResourceClient) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	return c.client.Get().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&opts, c.parameterCodec).Watch(ctx)
}

// Create creates obj and reads the stored object into result; a nil obj is ErrNilObject.
func (c *ResourceClient) Create(ctx context.Context, obj runtime.Object, opts metav1.CreateOptions, result runtime.Object) error {
	if isNil(obj) {
		return ErrNilObject
	}
	return c.client.Post().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&opts, c.parameterCodec).Body(obj).Do(ctx).Into(result)
}

// Update replaces obj, or the subresource of it named by subresources (e.g. "status"), and reads
// the answer into result; a nil obj is ErrNilObject. A non-empty resourceVersion makes it
// conditional: a stale one is a Conflict.
func (c *ResourceClient) Update(ctx context.Context, obj Object, opts metav1.UpdateOptions, result runtime.Object, subresources ...string) error {
	if isNil(obj) {
		return ErrNilObject
	}
	return c.client.Put().Namespace(c.namespace).Resource(c.resource).Name(obj.GetName()).SubResource(subresources...).
		VersionedParams(&opts, c.parameterCodec).Body(obj).Do(ctx).Into(result)
}

// Delete deletes the named object.
func (c *ResourceClient) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return c.client.Delete().Namespace(c.namespace).Resource(c.resource).Name(name).Body(&opts).Do(ctx).Error()
}

// DeleteCollection deletes the objects matching listOpts.
func (c *ResourceClient) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	return c.client.Delete().Namespace(c.namespace).Resource(c.resource).
		VersionedParams(&listOpts, c.parameterCodec).Timeout(timeout(listOpts.TimeoutSeconds)).
		Body(&opts).Do(ctx).Error()
}

// PatchSubresource patches the named object, or the subresource named by subresources, and reads
// the answer into result, whose type may differ from the resource's. Typed Patch methods and
// generated +genclient:method=...,verb=patch methods call it.
func (c *ResourceClient) PatchSubresource(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	result runtime.Object, subresources ...string) error {
	return c.client.Patch(pt).Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresources...).
		VersionedParams(&opts, c.parameterCodec).Body(data).Do(ctx).Into(result)
}

// Apply applies obj, or its subresource named by subresources (e.g. "status"), with server-side
// apply and reads the answer into result: a PATCH of type application/apply-patch+yaml whose body
// is obj in JSON with its apiVersion and kind set. A nil obj is ErrNilObject, an empty
// opts.FieldManager ErrFieldManagerRequired, and obj must have a name.
func (c *ResourceClient) Apply(ctx context.Context, obj Object, opts metav1.ApplyOptions, result runtime.Object, subresources ...string) error {
	if isNil(obj) {
		return ErrNilObject
	}
	if opts.FieldManager == "" {
		return ErrFieldManagerRequired
	}
	if obj.GetName() == "" {
		return fmt.Errorf("typed: apply of %s requires the object's name", c.resource)
	}
	body, err := applyBody(c, obj)
	if err != nil {
		return err
	}
	return applyPatch(ctx, c, obj.GetName(), body, opts, result, subresources...)
}

// applyBody encodes obj as JSON with apiVersion and kind: the group/version of the REST client and the
// kind in obj's TypeMeta, or else the name of its Go type (API types are named after their kind).
func applyBody(c *ResourceClient, obj Object) ([]byte, error) {
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

// ApplyConfiguration creates or updates the object cfg names, or its subresource named by
// subresources (e.g. "status"), by server-side apply and reads the answer into result. A nil cfg,
// one without a name and an empty FieldManager are errors before any request (see
// EncodeApplyConfiguration).
func (c *ResourceClient) ApplyConfiguration(ctx context.Context, cfg ApplyConfiguration, opts metav1.ApplyOptions, result runtime.Object,
	subresources ...string) error {
	name := ""
	if !isNilValue(cfg) {
		if n := cfg.GetName(); n != nil {
			name = *n
		}
	}
	data, err := EncodeApplyConfiguration(c.resource, name, cfg, opts)
	if err != nil {
		return err
	}
	return applyPatch(ctx, c, name, data, opts, result, subresources...)
}

// applyPatch sends the apply patch data to the named object or its subresources.
func applyPatch(ctx context.Context, c *ResourceClient, name string, data []byte, opts metav1.ApplyOptions, result runtime.Object,
	subresources ...string) error {
	patchOpts := opts.ToPatchOptions()
	return c.client.Patch(types.ApplyPatchType).Namespace(c.namespace).Resource(c.resource).Name(name).
		SubResource(subresources...).VersionedParams(&patchOpts, c.parameterCodec).Body(data).Do(ctx).Into(result)
}

// GetSubresource reads the named object's subresource (e.g. "scale") into result; opts, if not nil,
// is encoded as query parameters.
func (c *ResourceClient) GetSubresource(ctx context.Context, name, subresource string, opts runtime.Object, result runtime.Object) error {
	return c.client.Get().Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresource).
		VersionedParams(opts, c.parameterCodec).Do(ctx).Into(result)
}

// CreateSubresource posts body to the named object's subresource (e.g. "eviction"), or to the
// collection when name is "", and reads the answer into result.
func (c *ResourceClient) CreateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	return target(c, c.client.Post(), name, subresource).VersionedParams(opts, c.parameterCodec).Body(body).Do(ctx).Into(result)
}

// UpdateSubresource puts body to the named object's subresource (e.g. "scale") and reads the answer
// into result.
func (c *ResourceClient) UpdateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error {
	return c.client.Put().Namespace(c.namespace).Resource(c.resource).Name(name).SubResource(subresource).
		VersionedParams(opts, c.parameterCodec).Body(body).Do(ctx).Into(result)
}

// ListSubresource lists into result, whose type may differ from the resource's list: the
// collection when name is "", else the named object's subresource. Generated clients call it for
// +genclient:method=...,verb=list.
func (c *ResourceClient) ListSubresource(ctx context.Context, name, subresource string, opts metav1.ListOptions, result runtime.Object) error {
	r := target(c, c.client.Get(), name, subresource)
	return r.VersionedParams(&opts, c.parameterCodec).Timeout(timeout(opts.TimeoutSeconds)).Do(ctx).Into(result)
}

// target addresses r at the resource's collection when name is "", else at the named object's
// subresource (the object itself when subresource is "").
func target(c *ResourceClient, r *rest.Request, name, subresource string) *rest.Request {
	r = r.Namespace(c.namespace).Resource(c.resource)
	if name == "" {
		return r
	}
	return r.Name(name).SubResource(subresource)
}
