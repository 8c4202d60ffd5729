package portforward

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/util/httpstream"
)

// Conn is one forwarded connection to a pod's port: a net.Conn whose Read and Write reach the port.
// When the kubelet reports an error for it (nothing listening, for instance), Read returns a
// *RemoteError once the data is exhausted. Deadlines are not supported: the Set*Deadline methods
// return an error wrapping errors.ErrUnsupported; use Close from another goroutine to interrupt.
type Conn struct {
	s    *Session
	port uint16
	data httpstream.Stream
	errs httpstream.Stream

	errDone chan struct{} // closed when the error stream has been read to its end
	remote  error         // what the error stream said, set before errDone is closed

	closeOnce sync.Once
}

func newConn(s *Session, port uint16, data, errs httpstream.Stream) *Conn {
	c := &Conn{s: s, port: port, data: data, errs: errs, errDone: make(chan struct{})}
	go c.readErrors()
	return c
}

// readErrors reads the error stream to its end; it must be read all along, or the kubelet's message
// could be dropped when it resets the streams.
func (c *Conn) readErrors() {
	defer close(c.errDone)
	msg, err := io.ReadAll(io.LimitReader(c.errs, 64<<10))
	if text := strings.TrimSpace(string(msg)); text != "" {
		c.remote = &RemoteError{Port: c.port, Message: text}
	} else if err != nil {
		c.remote = fmt.Errorf("portforward: reading the error stream of port %d: %w", c.port, err)
	}
}

// Read reads what the pod's port sent. At the end of the data it returns the kubelet's error for this
// connection if there was one, else io.EOF.
func (c *Conn) Read(p []byte) (int, error) {
	n, err := c.data.Read(p)
	if errors.Is(err, io.EOF) {
		select {
		case <-c.errDone:
		case <-c.s.closed:
		}
		select {
		case <-c.errDone:
			if c.remote != nil {
				return n, c.remote
			}
		default:
			return n, fmt.Errorf("%w: %w", ErrSessionClosed, io.ErrUnexpectedEOF)
		}
	}
	return n, err
}

// Write sends p to the pod's port.
func (c *Conn) Write(p []byte) (int, error) {
	n, err := c.data.Write(p)
	if err != nil {
		select {
		case <-c.errDone:
			if c.remote != nil {
				return n, c.remote
			}
		default:
		}
		return n, fmt.Errorf("portforward: writing to pod port %d: %w", c.port, err)
	}
	return n, nil
}

// CloseWrite ends what is sent to the pod's port (the remote end reads EOF), while the answer can
// still be read.
func (c *Conn) CloseWrite() error { return c.data.Close() }

// Close ends the connection in both directions and releases its streams.
func (c *Conn) Close() error {
	c.closeOnce.Do(func() {
		_ = c.data.Reset()
		_ = c.errs.Reset()
		c.s.conn.RemoveStreams(c.data, c.errs)
	})
	return nil
}

// Addr is the address of a forwarded port: network "portforward", "namespace/pod:port".
type Addr struct {
	// Pod is "namespace/name".
	Pod string
	// Port is the pod's port.
	Port uint16
}

// Network implements net.Addr.
func (a Addr) Network() string { return "portforward" }

// String implements net.Addr.
func (a Addr) String() string { return fmt.Sprintf("%s:%d", a.Pod, a.Port) }

// LocalAddr is the pod seen from this side: the same as RemoteAddr, as there is no local socket.
func (c *Conn) LocalAddr() net.Addr { return c.RemoteAddr() }

// RemoteAddr is the pod and port the connection reaches.
func (c *Conn) RemoteAddr() net.Addr { return Addr{Pod: c.s.pod, Port: c.port} }

var errDeadline = fmt.Errorf("portforward: deadlines on forwarded connections: %w", errors.ErrUnsupported)

// SetDeadline is not supported.
func (c *Conn) SetDeadline(time.Time) error { return errDeadline }

// SetReadDeadline is not supported.
func (c *Conn) SetReadDeadline(time.Time) error { return errDeadline }

// SetWriteDeadline is not supported.
func (c *Conn) SetWriteDeadline(time.Time) error { return errDeadline }

var _ net.Conn = (*Conn)(nil)
