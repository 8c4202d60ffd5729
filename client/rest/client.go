package rest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/transport"
)

// Interface is what typed clients need from a REST client. *RESTClient implements it; tests may
// substitute their own.
type Interface interface {
	// GetRateLimiter returns the client's rate limiter, nil when it has none.
	GetRateLimiter() RateLimiter
	// Verb starts a request with the given HTTP method.
	Verb(verb string) *Request
	// Post starts a POST request.
	Post() *Request
	// Put starts a PUT request.
	Put() *Request
	// Patch starts a PATCH request whose body has the given patch type.
	Patch(pt types.PatchType) *Request
	// Get starts a GET request.
	Get() *Request
	// Delete starts a DELETE request.
	Delete() *Request
	// APIVersion returns the group/version the client addresses.
	APIVersion() schema.GroupVersion
}

var _ Interface = (*RESTClient)(nil)

// RESTClient sends requests for one group/version of one API server. It is safe for concurrent use;
// build it once and share it.
type RESTClient struct {
	base        url.URL // scheme, host and the server's path prefix (no trailing slash)
	versionPath string  // base path + APIPath + group/version, e.g. "/api/v1"
	gv          schema.GroupVersion
	codecs      *codecs
	userAgent   string
	// Header values shared by every request; never mutated (len == cap, so appends copy).
	acceptHeader, userAgentHeader []string
	limiter                       RateLimiter
	warnings                      WarningHandler
	timeout                       time.Duration
	maxRetries                    int
	client                        *http.Client
	// wait sleeps between retries; tests replace it.
	wait func(ctx context.Context, d time.Duration) error
	// err, when set, is the error every request fails with (ErrorClient).
	err error
}

// DefaultMaxRetries bounds how often a request is retried after 429 or 5xx answers with Retry-After.
const DefaultMaxRetries = 10

// RESTClientFor returns a client for c's group/version. c must set GroupVersion and
// NegotiatedSerializer.
func RESTClientFor(c *Config) (*RESTClient, error) {
	if err := requireVersioned(c); err != nil {
		return nil, err
	}
	h, err := httpClientNoTimeout(c)
	if err != nil {
		return nil, err
	}
	return newRESTClient(c, h)
}

// RESTClientForConfigAndClient is RESTClientFor with a caller-supplied *http.Client, which is then
// responsible for TLS and authentication.
func RESTClientForConfigAndClient(c *Config, h *http.Client) (*RESTClient, error) {
	if err := requireVersioned(c); err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("rest: http.Client must not be nil")
	}
	return newRESTClient(c, h)
}

// requireVersioned checks what a client for one group/version needs from c.
func requireVersioned(c *Config) error {
	if c.GroupVersion == nil {
		return errors.New("rest: GroupVersion is required to build a RESTClient")
	}
	if c.NegotiatedSerializer == nil {
		return errors.New("rest: NegotiatedSerializer is required to build a RESTClient")
	}
	return nil
}

// ErrorClient returns a client of gv whose every request fails with err, before anything is encoded or
// sent. It stands in for a client that could not be built where the constructor has no error to
// return, such as a clientset's group client built on first use, so that the error reaches the
// caller of the first request instead of a panic or a nil client.
func ErrorClient(gv schema.GroupVersion, err error) *RESTClient {
	if err == nil {
		err = errors.New("rest: ErrorClient needs an error")
	}
	cc := ContentConfig{NegotiatedSerializer: serializer.NewCodecFactory(optionsScheme).WithoutConversion()}
	rc := &RESTClient{gv: gv, codecs: newCodecs(cc, gv), maxRetries: DefaultMaxRetries, client: &http.Client{},
		wait: waitRetry, warnings: defaultWarningHandler, err: err}
	rc.acceptHeader = []string{rc.codecs.accept}
	return rc
}

// UnversionedRESTClientFor returns a client for paths outside any group/version (discovery, /version,
// /healthz). GroupVersion may be nil; without a NegotiatedSerializer it decodes the metav1 kinds
// (Status, APIVersions, APIGroupList, APIResourceList).
func UnversionedRESTClientFor(c *Config) (*RESTClient, error) {
	c = CopyConfig(c)
	if c.NegotiatedSerializer == nil {
		c.NegotiatedSerializer = serializer.NewCodecFactory(optionsScheme).WithoutConversion()
	}
	h, err := httpClientNoTimeout(c)
	if err != nil {
		return nil, err
	}
	return newRESTClient(c, h)
}

// httpClientNoTimeout builds the client's *http.Client. Config.Timeout is applied per request instead
// of as http.Client.Timeout, so that watches and streams are not cut off.
func httpClientNoTimeout(c *Config) (*http.Client, error) {
	if err := CheckCleartext(c); err != nil {
		return nil, err
	}
	rt, err := transport.New(c.TransportConfig())
	if err != nil {
		return nil, err
	}
	return &http.Client{Transport: rt}, nil
}

func newRESTClient(c *Config, h *http.Client) (*RESTClient, error) {
	base, err := baseURL(c)
	if err != nil {
		return nil, err
	}
	var gv schema.GroupVersion
	if c.GroupVersion != nil {
		gv = *c.GroupVersion
	}
	ua := c.userAgent()
	rc := &RESTClient{
		base:        *base,
		versionPath: versionedPath(base.Path, c.APIPath, gv),
		gv:          gv,
		codecs:      newCodecs(c.ContentConfig, gv),
		userAgent:   ua,
		limiter:     rateLimiterFor(c),
		warnings:    c.WarningHandler,
		timeout:     c.Timeout,
		maxRetries:  DefaultMaxRetries,
		client:      h,
		wait:        waitRetry,
	}
	rc.acceptHeader = []string{rc.codecs.accept}
	rc.userAgentHeader = []string{ua}
	if rc.warnings == nil {
		rc.warnings = defaultWarningHandler
	}
	return rc, nil
}

// baseURL parses c.Host. A host without a scheme gets https when c configures TLS, http otherwise.
func baseURL(c *Config) (*url.URL, error) {
	host := c.Host
	if host == "" {
		return nil, errors.New("rest: Host must be set")
	}
	if !strings.Contains(host, "://") {
		scheme := "http://"
		if c.hasTLS() {
			scheme = "https://"
		}
		host = scheme + host
	}
	u, err := url.Parse(host)
	if err != nil {
		return nil, fmt.Errorf("rest: invalid Host %q: %w", transport.RedactURL(c.Host), unwrapURLError(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("rest: invalid Host %q: scheme must be http or https", transport.RedactURL(c.Host))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("rest: invalid Host %q: no host", transport.RedactURL(c.Host))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("rest: invalid Host %q: must not have a query or fragment", transport.RedactURL(c.Host))
	}
	u.User = nil
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// versionedPath joins the server prefix, the API path and the group/version.
func versionedPath(prefix, apiPath string, gv schema.GroupVersion) string {
	p := prefix
	for _, seg := range []string{trimSlashes(apiPath), gv.Group, gv.Version} {
		if seg != "" {
			p += "/" + seg
		}
	}
	return p
}

// GetRateLimiter returns the client's rate limiter, nil when rate limiting is off.
func (c *RESTClient) GetRateLimiter() RateLimiter { return c.limiter }

// APIVersion returns the group/version the client addresses.
func (c *RESTClient) APIVersion() schema.GroupVersion { return c.gv }

// Verb starts a request with the given HTTP method (upper-cased).
func (c *RESTClient) Verb(verb string) *Request { return newRequest(c, upperASCII(verb)) }

// Post starts a POST request.
func (c *RESTClient) Post() *Request { return newRequest(c, http.MethodPost) }

// Put starts a PUT request.
func (c *RESTClient) Put() *Request { return newRequest(c, http.MethodPut) }

// Patch starts a PATCH request whose body is a patch of type pt.
func (c *RESTClient) Patch(pt types.PatchType) *Request {
	return newRequest(c, http.MethodPatch).SetHeader("Content-Type", string(pt))
}

// Get starts a GET request.
func (c *RESTClient) Get() *Request { return newRequest(c, http.MethodGet) }

// Delete starts a DELETE request.
func (c *RESTClient) Delete() *Request { return newRequest(c, http.MethodDelete) }

// HTTPClient returns the *http.Client requests are sent with.
func (c *RESTClient) HTTPClient() *http.Client { return c.client }

// ContentType returns the media type the client encodes request bodies in.
func (c *RESTClient) ContentType() string { return c.codecs.contentType }
