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
	// BearerTokenFile names a file holding the bearer token. It is checked with one stat per request
	// and re-read when it changes, so rotated tokens (bound service-account tokens) are used from the
	// next request on. When both are set, the file wins once it has been read successfully; an
	// unreadable file falls back to the last token read, then to BearerToken.
	BearerTokenFile string

	// Impersonate sets the Impersonate-* headers.
	Impersonate ImpersonationConfig

	// Exec runs an external credential plugin (client.authentication.k8s.io) to obtain credentials.
	Exec *ExecConfig

	// Proxy chooses a proxy for each request. Nil means the environment's proxy settings
	// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). http, https and socks5 proxy URLs are supported.
	// A Config with a Proxy (or DialContext) gets its own connection pool: see New.
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

	// WrapBase, when set, wraps the base round tripper (the shared *http.Transport or Transport),
	// beneath the credential, user-agent and impersonation headers: it sees each request as it is
	// sent, Authorization included, and must never print that header's value. Package rest uses it
	// for request logging. It does not prevent sharing.
	WrapBase func(http.RoundTripper) http.RoundTripper
}

// TLSConfig holds TLS settings. Each of CA, client certificate and key may come inline (the Data fields)
// or from a file; inline data wins when both are set.
// Certificate and key files are re-read when they change on disk, so a rotated client certificate is
// presented on the next new connection.
type TLSConfig struct {
	// Insecure skips verification of the server's certificate chain and host name. Testing only.
	Insecure bool
	// ServerName overrides the name used to verify the server's certificate (SNI).
	ServerName string

	// CAFile and CAData hold PEM CA certificates that replace the system roots.
	CAFile string
	CAData []byte
	// CertFile and CertData hold the PEM client certificate (chain).
	CertFile string
	CertData []byte
	// KeyFile and KeyData hold the PEM private key of the client certificate.
	KeyFile string
	KeyData []byte

	// NextProtos overrides the ALPN protocols (e.g. to force HTTP/1.1 for upgrades).
	NextProtos []string
}

// ImpersonationConfig asks the server to act as another user, through the Impersonate-User,
// Impersonate-Uid, Impersonate-Group and Impersonate-Extra-<key> headers. Extra keys are
// percent-encoded where they hold bytes not allowed in header names; the server lower-cases them.
type ImpersonationConfig struct {
	// UserName is the user to act as.
	UserName string
	// UID is the user's UID.
	UID string
	// Groups are the groups to act as a member of.
	Groups []string
	// Extra holds additional user information (e.g. scopes), one header per key.
	Extra map[string][]string
}

// ExecConfig describes an exec credential plugin, as the "exec" stanza of a kubeconfig user does.
type ExecConfig struct {
	// Command is the program to run; a bare name is looked up in PATH.
	Command string
	// Args are passed to Command.
	Args []string
	// Env is added to the process environment the plugin inherits.
	Env []ExecEnvVar
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
	// Name of the variable.
	Name string
	// Value of the variable; redacted when formatted.
	Value string
}

// ExecCluster is the cluster information an exec plugin may ask for (provideClusterInfo).
type ExecCluster struct {
	// Server is the API server URL.
	Server string
	// TLSServerName is the name the server certificate is verified against.
	TLSServerName string
	// InsecureSkipTLSVerify disables server certificate verification.
	InsecureSkipTLSVerify bool
	// CertificateAuthorityData is the PEM CA bundle of the cluster.
	CertificateAuthorityData []byte
	// ProxyURL is the proxy used to reach the server.
	ProxyURL string
	// DisableCompression mirrors the cluster's disable-compression setting.
	DisableCompression bool
	// Config is the raw JSON of the cluster's client.authentication.k8s.io/exec extension, if any.
	Config []byte
}
