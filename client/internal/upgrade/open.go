package upgrade

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/websocket"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/httpstream"

	"github.com/kubegen/kubegen/client/rest"
)

const (
	handshakeTimeout = 30 * time.Second
	keepAlive        = 30 * time.Second
	readBufferSize   = 32 << 10
	// MaxMessageSize is the largest WebSocket message sent as a single frame. kube-apiserver's
	// WebSocket server for exec and attach reads frame by frame, so a message split into fragments
	// would lose data: writers must keep messages at or below this size.
	MaxMessageSize = 64 << 10
	// pingPeriod is how often SPDY connections are pinged, so that idle sessions survive proxies and
	// dead peers are noticed.
	pingPeriod = 5 * time.Second
	// maxErrorBody bounds how much of a refusal is read.
	maxErrorBody = 64 << 10
)

// ProtocolHeader is the header SPDY clients offer protocols in and servers answer with.
const ProtocolHeader = "X-Stream-Protocol-Version"

// WebSocket opens a WebSocket to u (an https or http URL) offering protocols, and returns the
// connection with the protocol the server chose. A refusal, or an answer choosing none of protocols,
// is an *Error.
func (d *Dialer) WebSocket(ctx context.Context, u *url.URL, protocols ...string) (*websocket.Conn, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	s := &slot{websocket: true, protocols: protocols}
	resp, err := d.roundTrip(req, s)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	s.mu.Lock()
	conn := s.ws
	s.mu.Unlock()
	if conn == nil {
		return nil, refusal("websocket", resp)
	}
	if !slices.Contains(protocols, conn.Subprotocol()) {
		conn.Close()
		return nil, &Error{Protocol: "websocket", StatusCode: resp.StatusCode,
			Err: fmt.Errorf("server chose subprotocol %q, none of %v", conn.Subprotocol(), protocols)}
	}
	return conn, nil
}

// SPDYConn is an upgraded SPDY/3.1 connection.
type SPDYConn struct {
	httpstream.Connection
	// Protocol is the one the server chose.
	Protocol string

	raw io.Closer // the socket
}

// Abort closes the connection even when the peer has stopped reading: the socket is closed first,
// so that writes blocked on it (and the stream resets Close sends) fail at once.
func (c *SPDYConn) Abort() {
	if c.raw != nil {
		_ = c.raw.Close()
	}
	_ = c.Connection.Close()
}

// SPDY opens a SPDY/3.1 connection to u with a POST offering protocols. A refusal is an *Error.
func (d *Dialer) SPDY(ctx context.Context, u *url.URL, protocols ...string) (*SPDYConn, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), nil)
	if err != nil {
		return nil, err
	}
	for _, p := range protocols {
		req.Header.Add(ProtocolHeader, p)
	}
	s := &slot{}
	resp, err := d.roundTrip(req, s)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols || s.spdy == nil {
		defer resp.Body.Close()
		return nil, refusal("SPDY/3.1", resp)
	}
	conn, err := s.spdy.NewConnection(resp)
	if err != nil {
		return nil, &Error{Protocol: "SPDY/3.1", StatusCode: resp.StatusCode, Err: err}
	}
	c := &SPDYConn{Connection: conn, Protocol: resp.Header.Get(ProtocolHeader)}
	if s.raw != nil {
		c.raw = s.raw
	}
	if !slices.Contains(protocols, c.Protocol) {
		c.Abort()
		return nil, &Error{Protocol: "SPDY/3.1", StatusCode: resp.StatusCode,
			Err: fmt.Errorf("server chose protocol %q, none of %v", c.Protocol, protocols)}
	}
	return c, nil
}

// refusal reads a non-upgrade answer into an *Error wrapping the server's Status when it sent one.
func refusal(protocol string, resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := &Error{Protocol: protocol, StatusCode: resp.StatusCode}
	if status, ok := rest.DecodeStatus(resp.Header.Get("Content-Type"), body); ok {
		e.Err = &apierrors.StatusError{ErrStatus: *status}
		return e
	}
	msg := strings.TrimSpace(string(body))
	if msg == "" {
		msg = http.StatusText(resp.StatusCode)
	}
	e.Err = apierrors.NewGenericServerResponse(resp.StatusCode, method(resp), schema.GroupResource{}, "", msg, 0, false)
	return e
}

func method(resp *http.Response) string {
	if resp.Request != nil {
		return resp.Request.Method
	}
	return ""
}
