package portforward

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/apimachinery/pkg/util/httpstream"

	"github.com/kubegen/kubegen/client/internal/upgrade"
	"github.com/kubegen/kubegen/client/rest"
)

// Protocols: SPDY's port-forward protocol, and the WebSocket subprotocol that tunnels it.
const (
	protocolSPDY   = "portforward.k8s.io"
	protocolTunnel = "SPDY/3.1+portforward.k8s.io"
)

// Headers and stream types of the port-forward protocol: each forwarded connection is a pair of
// streams, error and data, sharing a requestID.
const (
	headerStreamType = "streamType"
	headerPort       = "port"
	headerRequestID  = "requestID"
	streamTypeError  = "error"
	streamTypeData   = "data"
)

// tunnelPingPeriod is how often SPDY pings travel inside the tunnel, besides the WebSocket pings.
const spdyPingPeriod = 5 * time.Second

// Session is one port-forwarding connection to a pod, carrying any number of forwarded connections at
// once. It is safe for concurrent use. Close it, or cancel the context it was opened with, to end it.
type Session struct {
	conn   *connection
	pod    string // namespace/name, for addresses
	nextID atomic.Uint64

	closeOnce sync.Once
	closed    chan struct{}
}

// Open connects to the pod's pods/portforward subresource through the API server. ctx bounds the
// whole session: cancelling it closes the session and every connection on it.
func Open(ctx context.Context, cfg *rest.Config, opts Options) (*Session, error) {
	if opts.Pod == "" {
		return nil, errors.New("portforward: Options.Pod is required")
	}
	if opts.Transport < Auto || opts.Transport > SPDY {
		return nil, errors.New("portforward: unknown " + opts.Transport.String())
	}
	d, err := upgrade.NewDialer(cfg)
	if err != nil {
		return nil, fmt.Errorf("portforward: %w", err)
	}
	u, err := upgrade.PodURL(cfg, opts.namespace(), opts.Pod, "portforward", nil)
	if err != nil {
		return nil, fmt.Errorf("portforward: %w", err)
	}
	conn, err := connect(ctx, d, u, opts.Transport)
	if err != nil {
		return nil, err
	}
	s := &Session{conn: conn, pod: opts.namespace() + "/" + opts.Pod, closed: make(chan struct{})}
	go s.watch(ctx)
	return s, nil
}

// watch closes the session when ctx ends, and marks it closed when the connection ends by itself.
func (s *Session) watch(ctx context.Context) {
	select {
	case <-ctx.Done():
		s.Close()
	case <-s.conn.CloseChan():
		s.Close()
	case <-s.closed:
	}
}

// Transport is the protocol the session runs over: WebSocket or SPDY.
func (s *Session) Transport() Transport { return s.conn.transport }

// Done is closed when the session has ended.
func (s *Session) Done() <-chan struct{} { return s.closed }

// Close ends the session and every connection on it, even when the other side has stopped reading.
// It is safe to call more than once, and always returns nil.
func (s *Session) Close() error {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.conn.abort()
	})
	return nil
}

// Dial opens a new connection to port in the pod. The returned net.Conn reads and writes the pod's
// port. When the kubelet cannot connect to the port (nothing listens), the *RemoteError it reports
// comes from Dial itself or, as the kubelet answers asynchronously, from the connection's Read. ctx
// bounds only the opening.
func (s *Session) Dial(ctx context.Context, port uint16) (*Conn, error) {
	if port == 0 {
		return nil, errors.New("portforward: port must not be 0")
	}
	select {
	case <-s.closed:
		return nil, ErrSessionClosed
	default:
	}
	type result struct {
		c   *Conn
		err error
	}
	ch := make(chan result, 1)
	go func() {
		c, err := s.open(port)
		ch <- result{c, err}
	}()
	select {
	case r := <-ch:
		return r.c, r.err
	case <-ctx.Done():
		go func() { // the streams may still come: release them
			if r := <-ch; r.c != nil {
				r.c.Close()
			}
		}()
		return nil, ctx.Err()
	case <-s.closed:
		return nil, ErrSessionClosed
	}
}

// open creates the error and data streams of one connection.
func (s *Session) open(port uint16) (*Conn, error) {
	h := http.Header{}
	h.Set(headerPort, strconv.Itoa(int(port)))
	h.Set(headerRequestID, strconv.FormatUint(s.nextID.Add(1), 10))
	h.Set(headerStreamType, streamTypeError)
	errStream, err := s.conn.CreateStream(h)
	if err != nil {
		return nil, s.streamError(err)
	}
	errStream.Close() // the client never writes on it
	h.Set(headerStreamType, streamTypeData)
	data, err := s.conn.CreateStream(h)
	if err != nil {
		// A kubelet that fails at once (nothing listens on the port) may reset the data stream before
		// it is even acknowledged; its reason is then on the error stream.
		remote := remoteError(errStream, port)
		errStream.Reset()
		s.conn.RemoveStreams(errStream)
		if remote != nil {
			return nil, remote
		}
		return nil, s.streamError(err)
	}
	return newConn(s, port, data, errStream), nil
}

// remoteError reads what the kubelet wrote on an error stream it has ended, waiting at most
// errorStreamGrace for the end.
func remoteError(errStream httpstream.Stream, port uint16) error {
	remote := make(chan error, 1)
	go func() {
		r, _ := readErrorStream(errStream, port)
		remote <- r
	}()
	grace := time.NewTimer(errorStreamGrace)
	defer grace.Stop()
	select {
	case r := <-remote:
		return r
	case <-grace.C:
		return nil
	}
}

func (s *Session) streamError(err error) error {
	select {
	case <-s.closed:
		return ErrSessionClosed
	default:
		return fmt.Errorf("portforward: creating stream: %w", err)
	}
}
