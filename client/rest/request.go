package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"reflect"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Request is one API call being built. Its methods chain and record the first error, which Do, Watch,
// Stream and HTTPRequest return; building never sends anything. A Request is not safe for concurrent
// use and should be sent once.
type Request struct {
	c    *RESTClient
	verb string

	pathPrefix   string // versioned API path, or the AbsPath
	subpath      string // Suffix
	namespace    string
	namespaceSet bool
	resource     string
	name         string
	subresource  string

	params  query
	headers http.Header

	body       []byte
	bodyReader io.Reader
	hasBody    bool

	timeout    time.Duration
	maxRetries int

	err error
}

func newRequest(c *RESTClient, verb string) *Request {
	return &Request{c: c, verb: verb, pathPrefix: c.versionPath, maxRetries: c.maxRetries, err: c.err}
}

// upperASCII upper-cases a method name, without allocating when it already is.
func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return strings.ToUpper(s)
		}
	}
	return s
}

func (r *Request) fail(err error) *Request {
	if r.err == nil {
		r.err = err
	}
	return r
}

// Namespace scopes the request to namespace ns; an empty ns means cluster scope.
func (r *Request) Namespace(ns string) *Request {
	if r.namespaceSet {
		return r.fail(fmt.Errorf("rest: namespace already set to %q, cannot change to %q", r.namespace, ns))
	}
	if msg := invalidSegment(ns); ns != "" && msg != "" {
		return r.fail(fmt.Errorf("rest: invalid namespace %q: %s", ns, msg))
	}
	r.namespaceSet = true
	r.namespace = ns
	return r
}

// NamespaceIfScoped sets the namespace only when scoped is true.
func (r *Request) NamespaceIfScoped(ns string, scoped bool) *Request {
	if scoped {
		return r.Namespace(ns)
	}
	return r
}

// Resource sets the resource (plural, lower-case), e.g. "pods".
func (r *Request) Resource(resource string) *Request {
	if r.resource != "" {
		return r.fail(fmt.Errorf("rest: resource already set to %q, cannot change to %q", r.resource, resource))
	}
	if msg := invalidSegment(resource); msg != "" {
		return r.fail(fmt.Errorf("rest: invalid resource %q: %s", resource, msg))
	}
	r.resource = resource
	return r
}

// Name sets the object's name.
func (r *Request) Name(name string) *Request {
	if name == "" {
		return r.fail(errors.New("rest: resource name may not be empty"))
	}
	if r.name != "" {
		return r.fail(fmt.Errorf("rest: resource name already set to %q, cannot change to %q", r.name, name))
	}
	if msg := invalidSegment(name); msg != "" {
		return r.fail(fmt.Errorf("rest: invalid resource name %q: %s", name, msg))
	}
	r.name = name
	return r
}

// SubResource sets the subresource path, e.g. SubResource("status") or SubResource("proxy", "healthz").
func (r *Request) SubResource(subresources ...string) *Request {
	if len(subresources) == 0 {
		return r
	}
	if r.subresource != "" {
		return r.fail(fmt.Errorf("rest: subresource already set to %q", r.subresource))
	}
	for _, s := range subresources {
		if msg := invalidSegment(s); msg != "" {
			return r.fail(fmt.Errorf("rest: invalid subresource %q: %s", s, msg))
		}
	}
	r.subresource = strings.Join(subresources, "/")
	return r
}

// Prefix appends path segments after the versioned API path and before the namespace.
func (r *Request) Prefix(segments ...string) *Request {
	r.pathPrefix = path.Join(append([]string{"/", r.pathPrefix}, segments...)...)
	return r
}

// AbsPath replaces the versioned API path with the server's path prefix joined with segments, for
// paths such as "/version" or "/apis".
func (r *Request) AbsPath(segments ...string) *Request {
	r.pathPrefix = path.Join(append([]string{"/", r.c.base.Path}, segments...)...)
	if len(segments) > 0 && strings.HasSuffix(segments[len(segments)-1], "/") && r.pathPrefix != "/" {
		r.pathPrefix += "/"
	}
	return r
}

// GroupVersionResource points the request at a resource of any API group, whatever the client's
// own group: /api/<version> for the core group, /apis/<group>/<version> otherwise, then the
// namespace (when not empty) and the resource. The dynamic and metadata clients use it.
func (r *Request) GroupVersionResource(gvr schema.GroupVersionResource, namespace string) *Request {
	if gvr.Group == "" {
		r.AbsPath("/api", gvr.Version)
	} else {
		r.AbsPath("/apis", gvr.Group, gvr.Version)
	}
	if namespace != "" {
		r.Namespace(namespace)
	}
	return r.Resource(gvr.Resource)
}

// DeleteOptionsJSON encodes opts as the JSON body of a delete, for clients whose serializer cannot
// encode it (the dynamic and metadata clients).
func DeleteOptionsJSON(opts metav1.DeleteOptions) ([]byte, error) {
	opts.APIVersion, opts.Kind = "v1", "DeleteOptions"
	b, err := json.Marshal(&opts)
	if err != nil {
		return nil, fmt.Errorf("encoding DeleteOptions: %w", err)
	}
	return b, nil
}

// Suffix appends path segments after everything else.
func (r *Request) Suffix(segments ...string) *Request {
	r.subpath = path.Join(append([]string{r.subpath}, segments...)...)
	return r
}

// Param adds the query parameter k=v. Repeated calls with the same k add values.
func (r *Request) Param(k, v string) *Request {
	r.params.add(k, v)
	return r
}

// VersionedParams adds obj's fields as query parameters, encoded by codec for the client's
// group/version. A nil codec means ParameterCodec (the metav1 option types). The metav1 options every
// typed call passes (Get, List, Create, Update and PatchOptions) are encoded without reflection, with
// the same result as any codec built on apimachinery's runtime.NewParameterCodec.
func (r *Request) VersionedParams(obj runtime.Object, codec runtime.ParameterCodec) *Request {
	if obj == nil || isNilPointer(obj) {
		return r
	}
	if encodeCommonOptions(obj, r.params.add) {
		return r
	}
	if codec == nil {
		codec = ParameterCodec
	}
	params, err := codec.EncodeParameters(obj, r.c.gv)
	if err != nil {
		return r.fail(fmt.Errorf("rest: encoding %T as query parameters: %w", obj, err))
	}
	r.params.addValues(params)
	return r
}

// SetHeader sets header k to values, replacing earlier values.
func (r *Request) SetHeader(k string, values ...string) *Request {
	if r.headers == nil {
		r.headers = make(http.Header, 2)
	}
	r.headers[http.CanonicalHeaderKey(k)] = values
	return r
}

// Timeout bounds the request: it is sent to the server as the "timeout" parameter and applied to the
// request's context, for Stream and Watch as well as Do. It overrides Config.Timeout.
func (r *Request) Timeout(d time.Duration) *Request {
	r.timeout = max(d, 0)
	if d <= 0 {
		r.params.set("timeout", "")
		return r
	}
	r.params.set("timeout", d.String())
	return r
}

// MaxRetries sets how often the request is retried after a 429 or 5xx answer with Retry-After (or a
// dropped connection, for idempotent requests). Zero disables retries; negative values count as zero.
func (r *Request) MaxRetries(n int) *Request {
	r.maxRetries = max(n, 0)
	return r
}

// Body sets the request body: a runtime.Object, []byte, or an io.Reader (sent as is, never retried).
// An object is encoded in the client's content type, which also becomes the Content-Type; for a
// Patch whose type is JSON or YAML (merge, strategic merge, apply) it is encoded as JSON instead.
// nil means no body.
func (r *Request) Body(obj any) *Request {
	switch b := obj.(type) {
	case nil:
		r.body, r.bodyReader, r.hasBody = nil, nil, false
	case []byte:
		r.body, r.bodyReader, r.hasBody = b, nil, true
	case runtime.Object:
		return r.bodyObject(b)
	case io.Reader:
		r.body, r.bodyReader, r.hasBody = nil, b, true
	default:
		return r.fail(fmt.Errorf("rest: unsupported body type %T: want runtime.Object, []byte or io.Reader", obj))
	}
	return r
}

func (r *Request) bodyObject(obj runtime.Object) *Request {
	if r.err != nil {
		return r
	}
	if isNilPointer(obj) {
		return r.Body(nil)
	}
	set := r.headers.Get("Content-Type")
	enc, mediaType, err := r.c.codecs.encoderFor(set)
	if err != nil {
		return r.fail(err)
	}
	var buf bytes.Buffer
	if err := enc.Encode(obj, &buf); err != nil {
		return r.fail(fmt.Errorf("rest: encoding %T as %s: %w", obj, mediaType, err))
	}
	r.body, r.bodyReader, r.hasBody = buf.Bytes(), nil, true
	if set == "" {
		r.SetHeader("Content-Type", mediaType)
	}
	return r
}

func isNilPointer(obj any) bool {
	v := reflect.ValueOf(obj)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// invalidSegment says why s cannot be one path segment, or returns "".
func invalidSegment(s string) string {
	switch {
	case s == "." || s == "..":
		return "may not be '.' or '..'"
	case strings.ContainsRune(s, '/'):
		return "may not contain '/'"
	case strings.ContainsRune(s, '%'):
		return "may not contain '%'"
	}
	return ""
}
