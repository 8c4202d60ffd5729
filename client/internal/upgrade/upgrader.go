package upgrade

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"

	"github.com/gorilla/websocket"
	"k8s.io/apimachinery/pkg/util/httpstream/spdy"
)

// slotKey carries a *slot in a request's context from Dialer to upgrader, through the transport
// wrappers (which may clone the request but keep its context).
type slotKey struct{}

// slot is one upgrade in flight: what to open, and what was opened.
type slot struct {
	websocket bool     // WebSocket, else SPDY
	protocols []string // WebSocket subprotocols to offer

	mu   sync.Mutex
	ws   *websocket.Conn
	spdy *spdy.SpdyRoundTripper
	raw  *rawConn // the SPDY connection's socket, when dialed here
}

// close releases whatever the slot opened; a retried request (after a 401) replaces it.
func (s *slot) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ws != nil {
		s.ws.Close()
		s.ws = nil
	}
}

func (s *slot) setWebSocket(c *websocket.Conn) {
	s.mu.Lock()
	old := s.ws
	s.ws = c
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
}

func (s *slot) setSPDY(rt *spdy.SpdyRoundTripper, raw *rawConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spdy, s.raw = rt, raw
}

// upgrader is the base round tripper under the authentication wrappers: it performs the upgrade the
// request's slot asks for and leaves the connection in the slot.
type upgrader struct{ d *Dialer }

var errNoSlot = errors.New("upgrade: request was not sent by an upgrade.Dialer")

// RoundTrip implements http.RoundTripper.
func (u *upgrader) RoundTrip(req *http.Request) (*http.Response, error) {
	s, ok := req.Context().Value(slotKey{}).(*slot)
	if !ok {
		return nil, errNoSlot
	}
	if s.websocket {
		return u.webSocket(req, s)
	}
	return u.spdy(req, s)
}

func (u *upgrader) webSocket(req *http.Request, s *slot) (*http.Response, error) {
	d := websocket.Dialer{
		NetDialContext:   u.d.dial,
		Proxy:            u.d.proxy,
		TLSClientConfig:  u.d.tls,
		HandshakeTimeout: handshakeTimeout,
		ReadBufferSize:   readBufferSize,
		WriteBufferSize:  MaxMessageSize + 16, // room for the frame header: one frame per message
		Subprotocols:     s.protocols,
	}
	target := *req.URL
	switch target.Scheme {
	case "https":
		target.Scheme = "wss"
	case "http":
		target.Scheme = "ws"
	}
	conn, resp, err := d.DialContext(req.Context(), target.String(), req.Header)
	if errors.Is(err, websocket.ErrBadHandshake) && resp != nil {
		return resp, nil // a refusal: the caller reads the answer
	}
	if err != nil {
		return nil, err
	}
	s.setWebSocket(conn)
	return resp, nil
}

func (u *upgrader) spdy(req *http.Request, s *slot) (*http.Response, error) {
	cfg := spdy.RoundTripperConfig{PingPeriod: pingPeriod}
	proxy, err := u.d.proxy(req)
	if err != nil {
		return nil, err
	}
	raw := &rawConn{dial: u.d.dial}
	if proxy == nil || u.d.dial != nil {
		// Dial here, through a transport's DialContext, to keep the socket (proxies are then not
		// used, as with any custom dialer).
		cfg.UpgradeTransport = &http.Transport{DialContext: raw.dialContext, TLSClientConfig: u.d.tls}
	} else {
		cfg.TLS, cfg.Proxier = u.d.tls, u.d.proxy
	}
	rt, err := spdy.NewRoundTripperWithConfig(cfg)
	if err != nil {
		return nil, err
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	s.setSPDY(rt, raw)
	return resp, nil
}

// rawConn dials and remembers the socket.
type rawConn struct {
	dial func(ctx context.Context, network, address string) (net.Conn, error)

	mu   sync.Mutex
	conn net.Conn
}

func (r *rawConn) dialContext(ctx context.Context, network, address string) (net.Conn, error) {
	dial := r.dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: handshakeTimeout, KeepAlive: keepAlive}).DialContext
	}
	c, err := dial(ctx, network, address)
	if err == nil {
		r.mu.Lock()
		r.conn = c
		r.mu.Unlock()
	}
	return c, err
}

// Close closes the socket, if one was dialed.
func (r *rawConn) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conn == nil {
		return nil
	}
	return r.conn.Close()
}
