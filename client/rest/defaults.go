package rest

import (
	"net/http"
	"strings"

	"github.com/kubegen/kubegen/client/transport"
)

const (
	// DefaultQPS is the sustained request rate used when Config.QPS is zero.
	DefaultQPS float32 = 5
	// DefaultBurst is the burst size used when Config.Burst is zero.
	DefaultBurst = 10
)

// CopyConfig returns a deep copy of c. Function and interface fields (Transport, WrapTransport, Proxy,
// Dial, RateLimiter, WarningHandler, NegotiatedSerializer) are shared, not copied.
func CopyConfig(c *Config) *Config {
	if c == nil {
		return nil
	}
	out := *c
	if c.GroupVersion != nil {
		gv := *c.GroupVersion
		out.GroupVersion = &gv
	}
	out.Impersonate = copyImpersonation(c.Impersonate)
	out.ExecProvider = copyExec(c.ExecProvider)
	out.TLSClientConfig = copyTLS(c.TLSClientConfig)
	return &out
}

func copyImpersonation(in transport.ImpersonationConfig) transport.ImpersonationConfig {
	out := in
	out.Groups = cloneStrings(in.Groups)
	if in.Extra != nil {
		out.Extra = make(map[string][]string, len(in.Extra))
		for k, v := range in.Extra {
			out.Extra[k] = cloneStrings(v)
		}
	}
	return out
}

func copyExec(in *transport.ExecConfig) *transport.ExecConfig {
	if in == nil {
		return nil
	}
	out := *in
	out.Args = cloneStrings(in.Args)
	if in.Env != nil {
		out.Env = append([]transport.ExecEnvVar(nil), in.Env...)
	}
	if in.Cluster != nil {
		cl := *in.Cluster
		cl.CertificateAuthorityData = cloneBytes(in.Cluster.CertificateAuthorityData)
		cl.Config = cloneBytes(in.Cluster.Config)
		out.Cluster = &cl
	}
	return &out
}

func copyTLS(in transport.TLSConfig) transport.TLSConfig {
	out := in
	out.CAData = cloneBytes(in.CAData)
	out.CertData = cloneBytes(in.CertData)
	out.KeyData = cloneBytes(in.KeyData)
	out.NextProtos = cloneStrings(in.NextProtos)
	return out
}

func cloneStrings(in []string) []string {
	if in == nil {
		return nil
	}
	return append([]string(nil), in...)
}

func cloneBytes(in []byte) []byte {
	if in == nil {
		return nil
	}
	return append([]byte(nil), in...)
}

// userAgent is c.UserAgent, or DefaultUserAgent when that is empty.
func (c *Config) userAgent() string {
	if c.UserAgent == "" {
		return DefaultUserAgent()
	}
	return c.UserAgent
}

// TransportConfig translates c into the transport layer's Config.
func (c *Config) TransportConfig() *transport.Config {
	return &transport.Config{
		UserAgent:          c.userAgent(),
		TLS:                copyTLS(c.TLSClientConfig),
		Username:           c.Username,
		Password:           c.Password,
		BearerToken:        c.BearerToken,
		BearerTokenFile:    c.BearerTokenFile,
		Impersonate:        copyImpersonation(c.Impersonate),
		Exec:               c.execWithCluster(),
		Proxy:              c.Proxy,
		DialContext:        c.Dial,
		DisableCompression: c.DisableCompression,
		Transport:          c.Transport,
		WrapTransport:      c.WrapTransport,
		WrapBase:           logRequests,
	}
}

// execWithCluster fills in the cluster an exec plugin may ask about (provideClusterInfo) from c.
func (c *Config) execWithCluster() *transport.ExecConfig {
	e := copyExec(c.ExecProvider)
	if e == nil || e.Cluster != nil {
		return e
	}
	e.Cluster = &transport.ExecCluster{
		Server:                   c.Host,
		TLSServerName:            c.TLSClientConfig.ServerName,
		InsecureSkipTLSVerify:    c.TLSClientConfig.Insecure,
		CertificateAuthorityData: cloneBytes(c.TLSClientConfig.CAData),
		DisableCompression:       c.DisableCompression,
	}
	return e
}

// HTTPClientFor returns an *http.Client that authenticates to and trusts the server c describes.
// Its Timeout is c.Timeout. Credentials for a plain-HTTP host are refused: see CheckCleartext.
func HTTPClientFor(c *Config) (*http.Client, error) {
	h, err := httpClientNoTimeout(c)
	if err != nil {
		return nil, err
	}
	h.Timeout = c.Timeout
	return h, nil
}

// hasTLS reports whether c configures TLS (a CA, a client certificate or Insecure), which makes a
// scheme-less Host default to https, as in client-go.
func (c *Config) hasTLS() bool {
	t := c.TLSClientConfig
	return t.Insecure || len(t.CAData) > 0 || t.CAFile != "" || len(t.CertData) > 0 || t.CertFile != ""
}

func trimSlashes(s string) string { return strings.Trim(s, "/") }
