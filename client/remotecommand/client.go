package remotecommand

import (
	"context"
	"errors"
	"fmt"

	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/internal/upgrade"
	"github.com/kubegen/kubegen/client/rest"
)

// Client runs exec and attach sessions against one API server. Build it once per rest.Config and
// reuse it: it holds the TLS configuration and credentials (exec plugins run once, not per session).
// It is safe for concurrent use.
type Client struct {
	cfg    *rest.Config
	dialer *upgrade.Dialer
}

// New returns a Client for the server and credentials of cfg. A cfg with a custom Transport is
// refused: streaming needs to dial its own connections.
func New(cfg *rest.Config) (*Client, error) {
	d, err := upgrade.NewDialer(cfg)
	if err != nil {
		return nil, fmt.Errorf("remotecommand: %w", err)
	}
	return &Client{cfg: rest.CopyConfig(cfg), dialer: d}, nil
}

// Exec runs opts.Command in a container (kubectl exec) and returns when it has finished and all its
// output was written: nil for exit code 0, *ExitError for another exit code, an
// *apierrors.StatusError for errors the API server or kubelet report (pod not found, forbidden,
// container not running), an error wrapping ErrConnectionLost when the connection broke first, and
// the context's error when ctx ended first (which also ends the session).
func (c *Client) Exec(ctx context.Context, opts Options) error {
	return c.run(ctx, "exec", opts)
}

// Attach connects to the main process of a running container (kubectl attach) until the process
// exits, the server ends the session, or ctx ends. Results are as for Exec.
func (c *Client) Attach(ctx context.Context, opts Options) error {
	return c.run(ctx, "attach", opts)
}

// Exec is Client.Exec with a Client built from cfg for this one call.
func Exec(ctx context.Context, cfg *rest.Config, opts Options) error {
	c, err := New(cfg)
	if err != nil {
		return err
	}
	return c.Exec(ctx, opts)
}

// Attach is Client.Attach with a Client built from cfg for this one call.
func Attach(ctx context.Context, cfg *rest.Config, opts Options) error {
	c, err := New(cfg)
	if err != nil {
		return err
	}
	return c.Attach(ctx, opts)
}

func (c *Client) run(ctx context.Context, subresource string, opts Options) error {
	isExec := subresource == "exec"
	if err := opts.validate(isExec); err != nil {
		return err
	}
	u, err := upgrade.PodURL(c.cfg, opts.namespace(), opts.Pod, subresource, opts.params(isExec))
	if err != nil {
		return fmt.Errorf("remotecommand: %w", err)
	}
	if opts.Transport != SPDY {
		conn, err := c.dialer.WebSocket(ctx, u, protocolV5)
		if err == nil {
			return runWebSocket(ctx, conn, &opts)
		}
		var refused *upgrade.Error
		if opts.Transport == WebSocket || !errors.As(err, &refused) {
			return upgrade.DialError("remotecommand", err)
		}
		klog.FromContext(ctx).V(4).Info("WebSocket refused, falling back to SPDY", "url", u.Redacted(), "err", err)
	}
	conn, err := c.dialer.SPDY(ctx, u, spdyProtocols...)
	if err != nil {
		return upgrade.DialError("remotecommand", err)
	}
	return runSPDY(ctx, conn, &opts)
}
