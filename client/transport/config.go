package transport

import (
	"context"
	"net"
	"net/http"
	"net/url"
)

// Config holds everything needed to build an authenticated HTTP transport to one API server. It is the
// lowest layer: rest.Config is translated into it, and nothing here knows about API objects.
//
// A Config is a plain value; New turns it into an http.RoundTripper. Configs that are equivalent (same
// TLS material, same credentials, same proxy) share one underlying *http.Transport, so connections and
// HTTP/2 sessions are reused across clients.
type Config struct {
	// UserAgent is sent as the User-Agent header when a request does not set one.
	UserAgent string

	// TLS configures server verification and client certificates.
	TLS TLSConfig

	// Username and Password enable HTTP basic authentication. Basic auth is meant for testing and for
	// legacy servers; kube-apiserver no longer accepts it.
	Username string
	Password string

	// BearerToken is sent as "Authorization: Bearer <token>".
	BearerToken string
	// BearerTokenFile names a file holding the bearer token. It is re-read periodically, so rotated
	// tokens (bound service-account tokens) are picked up. When both are set, the file wins once it
	// has been read successfully.
	BearerTokenFile string

	// Impersonate sets the Impersonate-* headers.
	Impersonate ImpersonationConfig

	// Exec runs an external credential plugin (client.authentication.k8s.io) to obtain credentials.
	Exec *ExecConfig

	// Proxy chooses a proxy for each request. Nil means the environment's proxy settings
	// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). http, https and socks5 proxy URLs are supported.
	Proxy func(*http.Request) (*url.URL, error)

	// DialContext, when set, dials connections instead of a net.Dialer.
	DialContext func(ctx context.Context, network, address string) (net.Conn, error)

	// DisableCompression turns off transparent gzip for responses.
	DisableCompression bool

	// Transport, when set, is used as the base round tripper instead of one built from TLS, Proxy and
	// DialContext (which must then be empty). Authentication wrappers still apply on top.
	Transport http.RoundTripper

	// WrapTransport, when set, wraps the finished round tripper (after authentication wrappers).
	WrapTransport func(http.RoundTripper) http.RoundTripper
}

// TLSConfig holds TLS settings. Each of CA, client certificate and key may come inline (the Data fields)
// or from a file; inline data wins when both are set.
type TLSConfig struct {
	// Insecure skips verification of the server's certificate chain and host name. Testing only.
	Insecure bool
	// ServerName overrides the name used to verify the server's certificate (SNI).
	ServerName string

	CAFile   string
	CAData   []byte
	CertFile string
	CertData []byte
	KeyFile  string
	KeyData  []byte

	// NextProtos overrides the ALPN protocols (e.g. to force HTTP/1.1 for upgrades).
	NextProtos []string
}

// ImpersonationConfig asks the server to act as another user.
type ImpersonationConfig struct {
	UserName string
	UID      string
	Groups   []string
	Extra    map[string][]string
}

// ExecConfig describes an exec credential plugin, as the "exec" stanza of a kubeconfig user does.
type ExecConfig struct {
	// Command is the program to run; a bare name is looked up in PATH.
	Command string
	Args    []string
	Env     []ExecEnvVar
	// APIVersion is client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1.
	APIVersion string
	// InstallHint is printed when Command cannot be found.
	InstallHint string
	// ProvideClusterInfo passes Cluster to the plugin in KUBERNETES_EXEC_INFO.
	ProvideClusterInfo bool
	// Cluster describes the cluster being authenticated to; filled in by the layers above.
	Cluster *ExecCluster
	// InteractiveMode is Never, IfAvailable or Always (v1 requires it; v1beta1 defaults IfAvailable).
	InteractiveMode string
}

// ExecEnvVar is one environment variable handed to an exec plugin.
type ExecEnvVar struct {
	Name  string
	Value string
}

// ExecCluster is the cluster information an exec plugin may ask for (provideClusterInfo).
type ExecCluster struct {
	Server                   string
	TLSServerName            string
	InsecureSkipTLSVerify    bool
	CertificateAuthorityData []byte
	ProxyURL                 string
	DisableCompression       bool
	// Config is the raw JSON of the cluster's client.authentication.k8s.io/exec extension, if any.
	Config []byte
}
