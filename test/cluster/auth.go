package cluster

import "fmt"

// User selects one of the cluster's identities.
type User int

const (
	// Admin is in group system:masters: allowed everything.
	Admin User = iota
	// Limited has no groups and no RBAC bindings until a test creates them.
	Limited
)

// String names the user for subtest names.
func (u User) String() string {
	switch u {
	case Admin:
		return "admin"
	case Limited:
		return "limited"
	}
	return fmt.Sprintf("User(%d)", int(u))
}

// Credential selects how a client proves its identity.
type Credential int

const (
	// CertInline is an x509 client certificate and key embedded in the configuration.
	CertInline Credential = iota
	// CertFiles is an x509 client certificate and key read from files.
	CertFiles
	// TokenInline is a bearer token embedded in the configuration.
	TokenInline
	// TokenFile is a bearer token read from a file (re-read as it changes).
	TokenFile
	// ExecPlugin is a bearer token printed by an exec credential plugin (client.authentication.k8s.io/v1).
	ExecPlugin
)

// Credentials lists every Credential, for table tests.
var Credentials = []Credential{CertInline, CertFiles, TokenInline, TokenFile, ExecPlugin}

// String names the credential for subtest names.
func (c Credential) String() string {
	switch c {
	case CertInline:
		return "cert-inline"
	case CertFiles:
		return "cert-files"
	case TokenInline:
		return "token-inline"
	case TokenFile:
		return "token-file"
	case ExecPlugin:
		return "exec-plugin"
	}
	return fmt.Sprintf("Credential(%d)", int(c))
}

// Trust selects how a client verifies the apiserver's certificate.
type Trust int

const (
	// CAInline embeds the cluster CA in the configuration.
	CAInline Trust = iota
	// CAFile points at the cluster CA's file.
	CAFile
	// Insecure skips verification of the server certificate.
	Insecure
)

// Trusts lists every Trust, for table tests.
var Trusts = []Trust{CAInline, CAFile, Insecure}

// String names the trust mode for subtest names.
func (t Trust) String() string {
	switch t {
	case CAInline:
		return "ca-inline"
	case CAFile:
		return "ca-file"
	case Insecure:
		return "insecure"
	}
	return fmt.Sprintf("Trust(%d)", int(t))
}

// Auth chooses the identity, credential and server trust of a configuration.
type Auth struct {
	User       User
	Credential Credential
	Trust      Trust
	// TokenFile, for the TokenFile credential, names the file to read the token from instead of the
	// cluster's own token file, so a test can rewrite it while a client runs.
	TokenFile string
	// Namespace is written into the kubeconfig context (empty: none).
	Namespace string
	// ProxyURL, when set, sends requests through this proxy (http, https or socks5 URL): the cluster's
	// proxy-url in a kubeconfig, Config.Proxy in a rest.Config.
	ProxyURL string
}

// String names the combination for subtest names, e.g. "admin/cert-inline/ca-file".
func (a Auth) String() string {
	return a.User.String() + "/" + a.Credential.String() + "/" + a.Trust.String()
}

// ClientCertFiles returns the paths of the user's client certificate and key.
func (c *Cluster) ClientCertFiles(u User) (certFile, keyFile string) {
	name := u.String()
	return c.pki.path(name + ".crt"), c.pki.path(name + ".key")
}

// ClientCertData returns the user's client certificate and key, PEM encoded.
func (c *Cluster) ClientCertData(u User) (certPEM, keyPEM []byte) {
	kp := c.pki.admin
	if u == Limited {
		kp = c.pki.limited
	}
	return clone(kp.CertPEM), clone(kp.KeyPEM)
}

// Token returns the user's bearer token.
func (c *Cluster) Token(u User) string {
	if u == Limited {
		return c.pki.limitedToken
	}
	return c.pki.adminToken
}

// TokenFilePath returns the path of a file holding the user's bearer token.
func (c *Cluster) TokenFilePath(u User) string { return c.pki.path(u.String() + ".token") }

// CAFile returns the path of the cluster CA certificate, which signed the serving and client certificates.
func (c *Cluster) CAFile() string { return c.pki.path("ca.crt") }

// CAData returns the cluster CA certificate, PEM encoded.
func (c *Cluster) CAData() []byte { return clone(c.pki.ca.CertPEM) }

func clone(b []byte) []byte { return append([]byte(nil), b...) }
