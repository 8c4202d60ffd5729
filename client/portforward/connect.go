package portforward

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/util/httpstream"
	"k8s.io/apimachinery/pkg/util/httpstream/spdy"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// connect opens the SPDY connection, through a WebSocket tunnel first unless SPDY is forced.
func connect(ctx context.Context, d *upgrade.Dialer, u *url.URL, t Transport) (httpstream.Connection, Transport, error) {
	if t != SPDY {
		ws, err := d.WebSocket(ctx, u, protocolTunnel)
		if err == nil {
			conn, err := spdy.NewClientConnectionWithPings(newTunnelConn(ws), spdyPingPeriod)
			if err != nil {
				return nil, 0, fmt.Errorf("portforward: starting SPDY in the WebSocket tunnel: %w", err)
			}
			return conn, WebSocket, nil
		}
		var refused *upgrade.Error
		if t == WebSocket || !errors.As(err, &refused) {
			return nil, 0, dialError(err)
		}
		klog.FromContext(ctx).V(4).Info("WebSocket refused, falling back to SPDY", "err", err)
	}
	conn, _, err := d.SPDY(ctx, u, protocolSPDY)
	if err != nil {
		return nil, 0, dialError(err)
	}
	return conn, SPDY, nil
}

// dialError returns the server's answer as the *apierrors.StatusError it is.
func dialError(err error) error {
	var status *apierrors.StatusError
	if errors.As(err, &status) {
		return status
	}
	return fmt.Errorf("portforward: %w", err)
}
