package portforward

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"

	"k8s.io/apimachinery/pkg/util/httpstream"
	"k8s.io/apimachinery/pkg/util/httpstream/spdy"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// connection is a session's SPDY connection and what closes its transport underneath.
type connection struct {
	httpstream.Connection
	transport Transport // the one in use: WebSocket or SPDY
	raw       io.Closer // the WebSocket tunnel or the socket; nil when unknown
}

// abort closes the transport first, so that writes blocked by a peer that stopped reading (and the
// stream resets Close sends) fail at once, then the SPDY connection.
func (c *connection) abort() {
	if c.raw != nil {
		_ = c.raw.Close()
	}
	_ = c.Connection.Close()
}

// connect opens the SPDY connection, through a WebSocket tunnel first unless SPDY is forced.
func connect(ctx context.Context, d *upgrade.Dialer, u *url.URL, t Transport) (*connection, error) {
	if t != SPDY {
		ws, err := d.WebSocket(ctx, u, protocolTunnel)
		if err == nil {
			tunnel := newTunnelConn(ws)
			conn, err := spdy.NewClientConnectionWithPings(tunnel, spdyPingPeriod)
			if err != nil {
				tunnel.Close()
				return nil, fmt.Errorf("portforward: starting SPDY in the WebSocket tunnel: %w", err)
			}
			return &connection{Connection: conn, transport: WebSocket, raw: tunnel}, nil
		}
		var refused *upgrade.Error
		if t == WebSocket || !errors.As(err, &refused) {
			return nil, upgrade.DialError("portforward", err)
		}
		klog.FromContext(ctx).V(4).Info("WebSocket refused, falling back to SPDY", "err", err)
	}
	conn, err := d.SPDY(ctx, u, protocolSPDY)
	if err != nil {
		return nil, upgrade.DialError("portforward", err)
	}
	return &connection{Connection: conn, transport: SPDY, raw: abortCloser{conn}}, nil
}

// abortCloser closes an upgrade.SPDYConn's socket.
type abortCloser struct{ c *upgrade.SPDYConn }

func (a abortCloser) Close() error {
	a.c.Abort()
	return nil
}
