package portforward

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"k8s.io/apimachinery/pkg/util/httpstream"
	"k8s.io/apimachinery/pkg/util/httpstream/spdy"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// connection is a session's SPDY connection and how to end it.
type connection struct {
	httpstream.Connection
	transport Transport // the one in use: WebSocket or SPDY
	// abort closes the transport first (the WebSocket tunnel or the socket), so that writes blocked by
	// a peer that stopped reading (and the stream resets Close sends) fail at once, then the SPDY
	// connection.
	abort func()
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
			abort := func() {
				_ = tunnel.Close()
				_ = conn.Close()
			}
			return &connection{Connection: conn, transport: WebSocket, abort: abort}, nil
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
	return &connection{Connection: conn, transport: SPDY, abort: conn.Abort}, nil
}
