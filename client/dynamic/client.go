package dynamic

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
)

// Interface hands out a client per resource.
type Interface interface {
	Resource(resource schema.GroupVersionResource) NamespaceableResourceInterface
}

// ResourceInterface is the verb set of one resource, in one namespace or cluster-wide.
type ResourceInterface interface {
	Create(ctx context.Context, obj *unstructured.Unstructured, opts metav1.CreateOptions, subresources ...string) (*unstructured.Unstructured, error)
	Update(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions, subresources ...string) (*unstructured.Unstructured, error)
	UpdateStatus(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions) (*unstructured.Unstructured, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions, subresources ...string) error
	DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error
	Get(ctx context.Context, name string, opts metav1.GetOptions, subresources ...string) (*unstructured.Unstructured, error)
	List(ctx context.Context, opts metav1.ListOptions) (*unstructured.UnstructuredList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*unstructured.Unstructured, error)
	Apply(ctx context.Context, name string, obj *unstructured.Unstructured, opts metav1.ApplyOptions, subresources ...string) (*unstructured.Unstructured, error)
	ApplyStatus(ctx context.Context, name string, obj *unstructured.Unstructured, opts metav1.ApplyOptions) (*unstructured.Unstructured, error)
}

// NamespaceableResourceInterface is a ResourceInterface for cluster-scoped resources (or all
// namespaces), and Namespace narrows it to one namespace.
type NamespaceableResourceInterface interface {
	Namespace(namespace string) ResourceInterface
	ResourceInterface
}

// Client is the dynamic client. It is safe for concurrent use.
type Client struct {
	rest rest.Interface
}

var _ Interface = (*Client)(nil)

// ErrNilObject is returned by writes given a nil object.
var ErrNilObject = errors.New("dynamic: object is nil")

// NewForConfig returns a dynamic client for the server of c. JSON is used whatever c's content type
// says, since unstructured objects have no protobuf form.
func NewForConfig(c *rest.Config) (*Client, error) {
	h, err := rest.HTTPClientFor(c)
	if err != nil {
		return nil, err
	}
	return NewForConfigAndClient(c, h)
}

// NewForConfigAndClient is NewForConfig sharing an existing *http.Client.
func NewForConfigAndClient(c *rest.Config, h *http.Client) (*Client, error) {
	c = rest.CopyConfig(c)
	c.GroupVersion = &schema.GroupVersion{}
	c.APIPath = ""
	c.ContentType = rest.ContentTypeJSON
	c.AcceptContentTypes = rest.ContentTypeJSON
	c.NegotiatedSerializer = unstructuredSerializer{}
	r, err := rest.RESTClientForConfigAndClient(c, h)
	if err != nil {
		return nil, err
	}
	return &Client{rest: r}, nil
}

// New returns a dynamic client over r, a REST client for the server root that decodes unstructured
// JSON (as NewForConfig builds).
func New(r rest.Interface) *Client { return &Client{rest: r} }

// Resource returns the client of one resource.
func (c *Client) Resource(gvr schema.GroupVersionResource) NamespaceableResourceInterface {
	return &resourceClient{client: c.rest, gvr: gvr}
}

type resourceClient struct {
	client    rest.Interface
	gvr       schema.GroupVersionResource
	namespace string
}

var _ NamespaceableResourceInterface = (*resourceClient)(nil)

func (r *resourceClient) Namespace(ns string) ResourceInterface {
	out := *r
	out.namespace = ns
	return &out
}

// request starts a request on the resource's path.
func (r *resourceClient) request(req *rest.Request) *rest.Request {
	return req.GroupVersionResource(r.gvr, r.namespace)
}

func (r *resourceClient) Get(ctx context.Context, name string, opts metav1.GetOptions, subresources ...string) (*unstructured.Unstructured, error) {
	if name == "" {
		return nil, errNoName("get")
	}
	return into(r.request(r.client.Get()).Name(name).SubResource(subresources...).VersionedParams(&opts, nil).Do(ctx))
}

func (r *resourceClient) List(ctx context.Context, opts metav1.ListOptions) (*unstructured.UnstructuredList, error) {
	body, err := r.request(r.client.Get()).VersionedParams(&opts, nil).DoRaw(ctx)
	if err != nil {
		return nil, err
	}
	list := &unstructured.UnstructuredList{}
	if err := list.UnmarshalJSON(body); err != nil {
		return nil, fmt.Errorf("dynamic: decoding list of %s: %w", r.gvr.Resource, err)
	}
	return list, nil
}

// SupportsWatchList reports that Watch passes sendInitialEvents on to the server, so informers
// (client/cache) may sync through it with a streaming watch-list.
func (r *resourceClient) SupportsWatchList() bool { return true }

func (r *resourceClient) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	return r.request(r.client.Get()).VersionedParams(&opts, nil).Watch(ctx)
}

func (r *resourceClient) Create(ctx context.Context, obj *unstructured.Unstructured, opts metav1.CreateOptions, subresources ...string) (*unstructured.Unstructured, error) {
	if obj == nil {
		return nil, ErrNilObject
	}
	req := r.request(r.client.Post())
	if len(subresources) > 0 {
		if obj.GetName() == "" {
			return nil, errNoName("create a subresource of")
		}
		req.Name(obj.GetName()).SubResource(subresources...)
	}
	return into(req.VersionedParams(&opts, nil).Body(obj).Do(ctx))
}

func (r *resourceClient) Update(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions, subresources ...string) (*unstructured.Unstructured, error) {
	if obj == nil {
		return nil, ErrNilObject
	}
	if obj.GetName() == "" {
		return nil, errNoName("update")
	}
	return into(r.request(r.client.Put()).Name(obj.GetName()).SubResource(subresources...).
		VersionedParams(&opts, nil).Body(obj).Do(ctx))
}

func (r *resourceClient) UpdateStatus(ctx context.Context, obj *unstructured.Unstructured, opts metav1.UpdateOptions) (*unstructured.Unstructured, error) {
	return r.Update(ctx, obj, opts, "status")
}

func (r *resourceClient) Delete(ctx context.Context, name string, opts metav1.DeleteOptions, subresources ...string) error {
	if name == "" {
		return errNoName("delete")
	}
	body, err := rest.DeleteOptionsJSON(opts)
	if err != nil {
		return err
	}
	return r.request(r.client.Delete()).Name(name).SubResource(subresources...).Body(body).Do(ctx).Error()
}

func (r *resourceClient) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	body, err := rest.DeleteOptionsJSON(opts)
	if err != nil {
		return err
	}
	return r.request(r.client.Delete()).VersionedParams(&listOpts, nil).Body(body).Do(ctx).Error()
}

func (r *resourceClient) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*unstructured.Unstructured, error) {
	if name == "" {
		return nil, errNoName("patch")
	}
	return into(r.request(r.client.Patch(pt)).Name(name).SubResource(subresources...).
		VersionedParams(&opts, nil).Body(data).Do(ctx))
}

func (r *resourceClient) Apply(ctx context.Context, name string, obj *unstructured.Unstructured, opts metav1.ApplyOptions, subresources ...string) (*unstructured.Unstructured, error) {
	if obj == nil {
		return nil, ErrNilObject
	}
	if name == "" {
		return nil, errNoName("apply")
	}
	if opts.FieldManager == "" {
		return nil, errors.New("dynamic: apply requires a field manager (ApplyOptions.FieldManager)")
	}
	body, err := obj.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("dynamic: encoding %s %q: %w", r.gvr.Resource, name, err)
	}
	patchOpts := opts.ToPatchOptions()
	return r.Patch(ctx, name, types.ApplyPatchType, body, patchOpts, subresources...)
}

func (r *resourceClient) ApplyStatus(ctx context.Context, name string, obj *unstructured.Unstructured, opts metav1.ApplyOptions) (*unstructured.Unstructured, error) {
	return r.Apply(ctx, name, obj, opts, "status")
}

func errNoName(verb string) error {
	return fmt.Errorf("dynamic: cannot %s an object without a name", verb)
}

// into decodes a response into a new Unstructured.
func into(res rest.Result) (*unstructured.Unstructured, error) {
	body, err := res.Raw()
	if err != nil {
		return nil, err
	}
	obj := &unstructured.Unstructured{}
	if err := obj.UnmarshalJSON(body); err != nil {
		return nil, fmt.Errorf("dynamic: decoding response: %w", err)
	}
	return obj, nil
}

// unstructuredSerializer encodes and decodes unstructured JSON, for bodies and watch events alike.
type unstructuredSerializer struct{}

func (unstructuredSerializer) SupportedMediaTypes() []runtime.SerializerInfo {
	return []runtime.SerializerInfo{{
		MediaType:        rest.ContentTypeJSON,
		MediaTypeType:    "application",
		MediaTypeSubType: "json",
		EncodesAsText:    true,
		Serializer:       unstructured.UnstructuredJSONScheme,
	}}
}

func (unstructuredSerializer) EncoderForVersion(e runtime.Encoder, _ runtime.GroupVersioner) runtime.Encoder {
	return e
}

func (unstructuredSerializer) DecoderToVersion(d runtime.Decoder, _ runtime.GroupVersioner) runtime.Decoder {
	return d
}
