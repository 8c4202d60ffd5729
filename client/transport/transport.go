package transport

import (
	"errors"
	"net"
	"net/http"
	"time"
)

// Defaults for the connection pool of every transport New builds. Informers keep one watch open per
// resource type, so MaxIdleConnsPerHost is far above net/http's default of 2.
const (
	maxIdleConns        = 100
	maxIdleConnsPerHost = 25
	idleConnTimeout     = 90 * time.Second
	tlsHandshakeTimeout = 10 * time.Second
	dialTimeout         = 30 * time.Second
	keepAlive           = 30 * time.Second
	// HTTP/2 health checks: ping a connection idle for sendPingTimeout and drop it when no answer
	// comes within pingTimeout, so a dead connection does not hang a watch forever.
	sendPingTimeout = 30 * time.Second
	pingTimeout     = 15 * time.Second
)

// New returns an http.RoundTripper that sends requests to the server described by c: TLS, proxy,
// credentials, impersonation and user agent applied. The returned value is safe for concurrent use.
//
// Configs with the same TLS material, proxy, compression and exec plugin share one *http.Transport
// (its connections and HTTP/2 sessions). Sharing is keyed by file paths and by hashes of inline data;
// a Config whose Proxy or DialContext is set, or that brings its own Transport, gets its own
// connections, because functions cannot be compared. WrapTransport does not prevent sharing: it wraps
// the finished round tripper.
//
// An explicit bearer token, basic auth or client certificate takes precedence over an exec plugin,
// which is then not run.
//
// Headers the caller already set win: a request with its own Authorization, User-Agent or Impersonate-*
// headers is sent with those.
func New(c *Config) (http.RoundTripper, error) {
	if c == nil {
		return nil, errNilConfig
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	exec, err := execAuthenticatorFor(c)
	if err != nil {
		return nil, err
	}
	base, err := baseTransport(c, exec)
	if err != nil {
		return nil, err
	}
	if c.WrapBase != nil {
		base = c.WrapBase(base)
	}
	rt, err := wrapHeaders(c, exec, base)
	if err != nil {
		return nil, err
	}
	if c.WrapTransport != nil {
		rt = c.WrapTransport(rt)
	}
	return rt, nil
}

// validate rejects combinations that cannot be honoured.
func (c *Config) validate() error {
	if c.Transport != nil && (c.TLS.hasCA() || c.TLS.hasCert() || c.TLS.Insecure || c.TLS.ServerName != "" ||
		c.Proxy != nil || c.DialContext != nil) {
		return errors.New("transport: TLS, Proxy and DialContext cannot be set together with a custom Transport")
	}
	if c.Username != "" && (c.BearerToken != "" || c.BearerTokenFile != "") {
		return errors.New("transport: basic auth and a bearer token cannot both be set")
	}
	return nil
}

// usesExec reports whether the exec plugin provides credentials. An explicit bearer token, basic
// auth or client certificate wins over it (as with "kubectl --token" for a user with an exec plugin),
// and the plugin is then never run.
func (c *Config) usesExec() bool {
	return c.Exec != nil && c.Username == "" && c.Password == "" && c.BearerToken == "" &&
		c.BearerTokenFile == "" && !c.TLS.hasCert()
}

// baseTransport returns c.Transport, a shared transport from the cache, or a new one.
func baseTransport(c *Config, exec *execAuthenticator) (http.RoundTripper, error) {
	if c.Transport != nil {
		return c.Transport, nil
	}
	if c.Proxy != nil || c.DialContext != nil {
		return newHTTPTransport(c, exec)
	}
	key, err := keyFor(c)
	if err != nil {
		return nil, err
	}
	return transports.get(key, func() (*http.Transport, error) { return newHTTPTransport(c, exec) })
}

// newHTTPTransport builds a transport with HTTP/2, health checks and an informer-sized idle pool.
func newHTTPTransport(c *Config, exec *execAuthenticator) (*http.Transport, error) {
	tlsConfig, err := tlsConfigFor(c, exec)
	if err != nil {
		return nil, err
	}
	proxy := c.Proxy
	if proxy == nil {
		proxy = http.ProxyFromEnvironment
	}
	dial := c.DialContext
	if dial == nil {
		dial = (&net.Dialer{Timeout: dialTimeout, KeepAlive: keepAlive}).DialContext
	}
	t := &http.Transport{
		Proxy:                 proxy,
		DialContext:           dial,
		TLSClientConfig:       tlsConfig,
		TLSHandshakeTimeout:   tlsHandshakeTimeout,
		DisableCompression:    c.DisableCompression,
		MaxIdleConns:          maxIdleConns,
		MaxIdleConnsPerHost:   maxIdleConnsPerHost,
		IdleConnTimeout:       idleConnTimeout,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
		HTTP2:                 &http.HTTP2Config{SendPingTimeout: sendPingTimeout, PingTimeout: pingTimeout},
	}
	if len(c.TLS.NextProtos) > 0 {
		t.Protocols = protocolsFor(c.TLS.NextProtos)
	}
	if exec != nil {
		exec.track(t)
	}
	return t, nil
}

// protocolsFor limits the transport to the HTTP versions named by ALPN protocols, so that asking for
// "http/1.1" alone really disables HTTP/2 (net/http would otherwise add "h2").
func protocolsFor(nextProtos []string) *http.Protocols {
	p := new(http.Protocols)
	for _, proto := range nextProtos {
		switch proto {
		case "h2":
			p.SetHTTP2(true)
		case "http/1.1":
			p.SetHTTP1(true)
		}
	}
	if !p.HTTP1() && !p.HTTP2() {
		p.SetHTTP1(true)
	}
	return p
}
