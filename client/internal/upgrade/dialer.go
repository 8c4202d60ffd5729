package upgrade

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// Dialer opens authenticated WebSocket and SPDY connections to one API server. It is safe for
// concurrent use; build one per rest.Config and reuse it.
type Dialer struct {
	rt    http.RoundTripper // transport's authenticating wrappers around an upgrader
	tls   *tls.Config
	proxy func(*http.Request) (*url.URL, error)
	dial  func(ctx context.Context, network, address string) (net.Conn, error)
}

// NewDialer builds a Dialer from cfg. A cfg with a custom Transport is refused: upgrades need to dial
// connections themselves, which a custom round tripper cannot be asked to do.
func NewDialer(cfg *rest.Config) (*Dialer, error) {
	if cfg == nil {
		return nil, errors.New("nil rest.Config")
	}
	if err := rest.CheckCleartext(cfg); err != nil {
		return nil, err
	}
	tc := cfg.TransportConfig()
	if tc.Transport != nil {
		return nil, errors.New("a rest.Config with a custom Transport cannot open streaming connections; " +
			"set TLS, Proxy or Dial instead")
	}
	tlsConfig, err := transport.TLSConfigFor(tc)
	if err != nil {
		return nil, err
	}
	tlsConfig = tlsConfig.Clone()
	tlsConfig.NextProtos = []string{"http/1.1"} // upgrades exist only in HTTP/1.1
	d := &Dialer{tls: tlsConfig, proxy: tc.Proxy, dial: tc.DialContext}
	if d.proxy == nil {
		d.proxy = http.ProxyFromEnvironment
	}
	if d.rt, err = transport.New(authOnly(tc, &upgrader{d: d})); err != nil {
		return nil, err
	}
	return d, nil
}

// authOnly returns a copy of tc that keeps the credentials, impersonation, user agent and wrappers but
// sends through base instead of dialing itself.
func authOnly(tc *transport.Config, base http.RoundTripper) *transport.Config {
	out := *tc
	hasCert := len(tc.TLS.CertData) > 0 || tc.TLS.CertFile != ""
	out.TLS = transport.TLSConfig{}
	out.Proxy, out.DialContext = nil, nil
	out.Transport = base
	if hasCert {
		// A static client certificate wins over an exec plugin (see transport.New); without the TLS
		// settings the copy would otherwise run the plugin.
		out.Exec = nil
	}
	return &out
}

// roundTrip sends req through the authenticating wrappers to the upgrader, which records the upgraded
// connection in s.
func (d *Dialer) roundTrip(req *http.Request, s *slot) (*http.Response, error) {
	req = req.WithContext(context.WithValue(req.Context(), slotKey{}, s))
	resp, err := d.rt.RoundTrip(req)
	if err != nil {
		s.close()
		return nil, err
	}
	return resp, nil
}

// Error is returned when the server answers an upgrade request with something other than an
// upgrade: an older server, a proxy that does not pass the protocol on, or an API error (the
// wrapped error is then an apimachinery *errors.StatusError). Callers may fall back to another
// protocol.
type Error struct {
	// Protocol is the upgrade that was refused ("websocket" or "SPDY/3.1").
	Protocol string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Err describes the answer.
	Err error
}

// Error implements error.
func (e *Error) Error() string {
	return fmt.Sprintf("%s upgrade refused (HTTP %d): %v", e.Protocol, e.StatusCode, e.Err)
}

// Unwrap returns the server's error.
func (e *Error) Unwrap() error { return e.Err }

// DialError is a dial's err as the streaming package pkg returns it: the server's answer as the
// *apierrors.StatusError it is, anything else wrapped with pkg's name.
func DialError(pkg string, err error) error {
	var status *apierrors.StatusError
	if errors.As(err, &status) {
		return status
	}
	return fmt.Errorf("%s: %w", pkg, err)
}
