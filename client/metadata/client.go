package metadata

import (
	"context"
	"fmt"
	"net/http"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
)

// Interface hands out a metadata client per resource.
type Interface interface {
	Resource(resource schema.GroupVersionResource) Getter
}

// ResourceInterface is the metadata verb set of one resource, in one namespace or cluster-wide.
type ResourceInterface interface {
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions, subresources ...string) error
	DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error
	Get(ctx context.Context, name string, opts metav1.GetOptions, subresources ...string) (*metav1.PartialObjectMetadata, error)
	List(ctx context.Context, opts metav1.ListOptions) (*metav1.PartialObjectMetadataList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*metav1.PartialObjectMetadata, error)
}

// Getter is a ResourceInterface for cluster-scoped resources (or all namespaces), and Namespace
// narrows it to one namespace.
type Getter interface {
	Namespace(namespace string) ResourceInterface
	ResourceInterface
}

// Accept headers: protobuf, then JSON, of the metadata kinds; then plain JSON.
const (
	acceptObject = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1," +
		"application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"
	acceptList = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1," +
		"application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"
)

// Client is the metadata client. It is safe for concurrent use.
type Client struct {
	rest rest.Interface
}

var _ Interface = (*Client)(nil)

// NewForConfig returns a metadata client for the server of c; c's content settings are replaced.
func NewForConfig(c *rest.Config) (*Client, error) {
	h, err := rest.HTTPClientFor(c)
	if err != nil {
		return nil, err
	}
	return NewForConfigAndClient(c, h)
}

// NewForConfigAndClient is NewForConfig sharing an existing *http.Client.
func NewForConfigAndClient(c *rest.Config, h *http.Client) (*Client, error) {
	c = ConfigFor(c)
	r, err := rest.RESTClientForConfigAndClient(c, h)
	if err != nil {
		return nil, err
	}
	return &Client{rest: r}, nil
}

// NewForConfigOrDie is NewForConfig for configurations known to be valid: it panics on error.
func NewForConfigOrDie(c *rest.Config) *Client {
	client, err := NewForConfig(c)
	if err != nil {
		panic(err)
	}
	return client
}

// ConfigFor returns a copy of c set up for the metadata client: server root paths, protobuf
// preferred, decoding of the metadata kinds.
func ConfigFor(c *rest.Config) *rest.Config {
	c = rest.CopyConfig(c)
	c.GroupVersion = &schema.GroupVersion{}
	c.APIPath = ""
	c.ContentType = rest.ContentTypeJSON
	c.AcceptContentTypes = acceptObject
	c.NegotiatedSerializer = serializer
	return c
}

// New returns a metadata client over r, a REST client built from ConfigFor.
func New(r rest.Interface) *Client { return &Client{rest: r} }

// Resource returns the client of one resource.
func (c *Client) Resource(gvr schema.GroupVersionResource) Getter {
	return &resourceClient{client: c.rest, gvr: gvr}
}

type resourceClient struct {
	client    rest.Interface
	gvr       schema.GroupVersionResource
	namespace string
}

func (r *resourceClient) Namespace(ns string) ResourceInterface {
	out := *r
	out.namespace = ns
	return &out
}

// request starts a request on the resource's path, accepting accept.
func (r *resourceClient) request(req *rest.Request, accept string) *rest.Request {
	return req.GroupVersionResource(r.gvr, r.namespace).SetHeader("Accept", accept)
}

func (r *resourceClient) Get(ctx context.Context, name string, opts metav1.GetOptions, subresources ...string) (*metav1.PartialObjectMetadata, error) {
	if name == "" {
		return nil, errNoName("get")
	}
	return object(r.request(r.client.Get(), acceptObject).Name(name).SubResource(subresources...).
		VersionedParams(&opts, nil).Do(ctx))
}

func (r *resourceClient) List(ctx context.Context, opts metav1.ListOptions) (*metav1.PartialObjectMetadataList, error) {
	obj, err := r.request(r.client.Get(), acceptList).VersionedParams(&opts, nil).Do(ctx).Get()
	if err != nil {
		return nil, err
	}
	list, ok := obj.(*metav1.PartialObjectMetadataList)
	if !ok {
		return nil, fmt.Errorf("metadata: list of %s answered with %T", r.gvr.Resource, obj)
	}
	return list, nil
}

func (r *resourceClient) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	opts.Watch = true
	return r.request(r.client.Get(), acceptObject).VersionedParams(&opts, nil).Watch(ctx)
}

func (r *resourceClient) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*metav1.PartialObjectMetadata, error) {
	if name == "" {
		return nil, errNoName("patch")
	}
	return object(r.request(r.client.Patch(pt), acceptObject).Name(name).SubResource(subresources...).
		VersionedParams(&opts, nil).Body(data).Do(ctx))
}

func (r *resourceClient) Delete(ctx context.Context, name string, opts metav1.DeleteOptions, subresources ...string) error {
	if name == "" {
		return errNoName("delete")
	}
	body, err := rest.DeleteOptionsJSON(opts)
	if err != nil {
		return err
	}
	return r.request(r.client.Delete(), acceptObject).Name(name).SubResource(subresources...).Body(body).Do(ctx).Error()
}

func (r *resourceClient) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	body, err := rest.DeleteOptionsJSON(opts)
	if err != nil {
		return err
	}
	return r.request(r.client.Delete(), acceptList).VersionedParams(&listOpts, nil).Body(body).Do(ctx).Error()
}

func errNoName(verb string) error {
	return fmt.Errorf("metadata: cannot %s an object without a name", verb)
}

// object decodes a single-object answer.
func object(res rest.Result) (*metav1.PartialObjectMetadata, error) {
	obj, err := res.Get()
	if err != nil {
		return nil, err
	}
	p, ok := obj.(*metav1.PartialObjectMetadata)
	if !ok {
		return nil, fmt.Errorf("metadata: answer holds %T, not PartialObjectMetadata", obj)
	}
	return p, nil
}

var _ runtime.Object = (*metav1.PartialObjectMetadata)(nil)
