package portforward

import (
	"errors"
	"io"
	"net"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// Keep-alive of the WebSocket tunnel: a ping every pingPeriod keeps proxies and load balancers from
// closing an idle session. Missing pongs are not taken as a dead connection, since kube-apiserver
// stops reading the tunnel (and answering pings) while the kubelet side is backed up; dead peers are
// found by TCP (a reset, or keep-alive probes) and by the SPDY pings inside.
const (
	pingPeriod  = 10 * time.Second
	pingTimeout = 10 * time.Second
)

// tunnelConn carries a byte stream (here: SPDY frames) in binary WebSocket messages, so that SPDY can
// run over a WebSocket, which is how kube-apiserver accepts port-forwarding over WebSockets.
type tunnelConn struct {
	ws *websocket.Conn

	readMu  sync.Mutex
	current io.Reader // the message being read

	writeMu   sync.Mutex
	closeOnce sync.Once
	done      chan struct{}
}

func newTunnelConn(ws *websocket.Conn) *tunnelConn {
	t := &tunnelConn{ws: ws, done: make(chan struct{})}
	go t.ping()
	return t
}

// Read returns the bytes of the next binary messages, across message boundaries.
func (t *tunnelConn) Read(p []byte) (int, error) {
	t.readMu.Lock()
	defer t.readMu.Unlock()
	for {
		if t.current == nil {
			kind, r, err := t.ws.NextReader()
			if err != nil {
				if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
					return 0, io.EOF
				}
				return 0, err
			}
			if kind != websocket.BinaryMessage {
				return 0, errors.New("portforward: non-binary message in the WebSocket tunnel")
			}
			t.current = r
		}
		n, err := t.current.Read(p)
		if errors.Is(err, io.EOF) {
			t.current = nil
			if n == 0 {
				continue
			}
			err = nil
		}
		return n, err
	}
}

// Write sends p as binary messages of at most upgrade.MaxMessageSize bytes. It has no deadline of its
// own: backpressure from the server holds it, and Close ends it.
func (t *tunnelConn) Write(p []byte) (int, error) {
	t.writeMu.Lock()
	defer t.writeMu.Unlock()
	written := 0
	for len(p) > 0 {
		chunk := p[:min(len(p), upgrade.MaxMessageSize)]
		if err := t.ws.WriteMessage(websocket.BinaryMessage, chunk); err != nil {
			return written, err
		}
		written += len(chunk)
		p = p[len(chunk):]
	}
	return written, nil
}

// Close says goodbye with a normal close message and closes the connection.
func (t *tunnelConn) Close() error {
	var err error
	t.closeOnce.Do(func() {
		close(t.done)
		_ = t.ws.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
		err = t.ws.Close()
	})
	return err
}

func (t *tunnelConn) ping() {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for {
		select {
		case <-t.done:
			return
		case <-ticker.C:
			// A ping that cannot be sent waits behind data the server does not read yet: not an
			// error. A broken connection shows in Read.
			_ = t.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(pingTimeout))
		}
	}
}

func (t *tunnelConn) LocalAddr() net.Addr  { return t.ws.LocalAddr() }
func (t *tunnelConn) RemoteAddr() net.Addr { return t.ws.RemoteAddr() }

func (t *tunnelConn) SetDeadline(d time.Time) error {
	return errors.Join(t.ws.SetReadDeadline(d), t.ws.SetWriteDeadline(d))
}
func (t *tunnelConn) SetReadDeadline(d time.Time) error  { return t.ws.SetReadDeadline(d) }
func (t *tunnelConn) SetWriteDeadline(d time.Time) error { return t.ws.SetWriteDeadline(d) }
