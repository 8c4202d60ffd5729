package rest

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/transport"
)

// Config describes how to reach and authenticate to one API server, and how a RESTClient encodes and
// decodes objects for one group/version. Kubeconfig and in-cluster loading (package kubeconfig) produce
// it; typed clients copy it and fill in ContentConfig for their group/version.
type Config struct {
	// Host is the server: a URL (https://host:port[/prefix]) or host:port.
	Host string
	// APIPath is the path prefix of the API: "/api" for the legacy core group, "/apis" for the rest.
	APIPath string

	// ContentConfig controls encoding and decoding.
	ContentConfig

	// Username and Password enable basic auth (testing only).
	Username string
	Password string
	// BearerToken is a static bearer token.
	BearerToken string
	// BearerTokenFile names a file with a bearer token, re-read as it rotates.
	BearerTokenFile string
	// Impersonate sets impersonation headers.
	Impersonate transport.ImpersonationConfig
	// ExecProvider runs an exec credential plugin.
	ExecProvider *transport.ExecConfig

	// TLSClientConfig configures TLS.
	TLSClientConfig transport.TLSConfig

	// UserAgent is sent with every request; DefaultUserAgent (which names the program) when empty.
	UserAgent string
	// DisableCompression turns off response compression.
	DisableCompression bool

	// Transport, when set, replaces the transport built from TLS and proxy settings.
	Transport http.RoundTripper
	// WrapTransport wraps the built transport.
	WrapTransport func(http.RoundTripper) http.RoundTripper
	// Proxy selects a proxy per request; nil means the environment's settings.
	Proxy func(*http.Request) (*url.URL, error)
	// Dial dials connections.
	Dial func(ctx context.Context, network, address string) (net.Conn, error)

	// QPS and Burst configure the client-side rate limiter. Zero values get defaults (5 QPS, burst 10);
	// a negative QPS disables rate limiting.
	QPS   float32
	Burst int
	// RateLimiter, when set, replaces the limiter built from QPS and Burst.
	RateLimiter RateLimiter

	// Timeout bounds each Do (zero: no timeout beyond the context's). Watches and streams are long-lived
	// and bounded only by Request.Timeout and their context.
	Timeout time.Duration

	// WarningHandler receives the server's Warning headers. Nil means the package default.
	WarningHandler WarningHandler
}

// ContentConfig says how a RESTClient talks about objects.
type ContentConfig struct {
	// GroupVersion is the group/version the client addresses; nil for the legacy core group "v1" paths
	// built by hand.
	GroupVersion *schema.GroupVersion
	// NegotiatedSerializer supplies encoders and decoders for the media types below.
	NegotiatedSerializer runtime.NegotiatedSerializer
	// ContentType is the media type of request bodies, "application/json" when empty. Set it to
	// "application/vnd.kubernetes.protobuf" to send and prefer protobuf.
	ContentType string
	// AcceptContentTypes is the Accept header; derived from ContentType when empty (protobuf requests
	// accept JSON as a fallback, for types that have no protobuf form).
	AcceptContentTypes string
	// DisableFastPaths makes every response and watch event take apimachinery's serializer, never the
	// one-pass JSON and protobuf decoders (client/internal/fastjson, fastproto), which give the same
	// objects faster or decline. For debugging a decoding question in the field; the environment
	// variable KUBEGEN_FAST_PATHS=off does the same for every client of the process.
	DisableFastPaths bool
}

// RateLimiter throttles requests on the client side.
type RateLimiter interface {
	// Wait blocks until a request may proceed or ctx is done.
	Wait(ctx context.Context) error
	// TryAccept reports whether a request may proceed now, consuming a token if so.
	TryAccept() bool
	// QPS returns the sustained rate.
	QPS() float32
	// Stop releases the limiter's resources.
	Stop()
}

// WarningHandler is told about each Warning header (RFC 7234, code 299) the server sends.
type WarningHandler interface {
	HandleWarningHeader(code int, agent string, text string)
}
