package portforward

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/util/httpstream"
)

// readChunkSize is how much the read pump takes from the data stream at a time; writes up to this
// size reuse pooled buffers too.
const readChunkSize = 32 << 10

// buffers recycles the chunks of the read pump and the copies of Write.
var buffers = sync.Pool{New: func() any { b := make([]byte, readChunkSize); return &b }}

// errorStreamGrace bounds the wait, at the end of the data, for the error stream to end. Kubelets close
// both streams together, so the wait is normally short; the bound only keeps a kubelet that does not
// from hanging Read.
const errorStreamGrace = 5 * time.Second

// Conn is one forwarded connection to a pod's port, a net.Conn whose Read and Write reach the port.
// When the kubelet reports an error for it (nothing listening, for instance), Read returns a
// *RemoteError once the data is exhausted. Deadlines work as on a TCP connection: an expired one makes
// Read or Write return an error wrapping os.ErrDeadlineExceeded, and moving it affects calls in
// progress. Read and Write are safe to call concurrently with each other and with Close.
type Conn struct {
	s    *Session
	port uint16
	data httpstream.Stream
	errs httpstream.Stream

	errDone chan struct{} // closed when the error stream has been read to its end
	remote  error         // what the error stream said, set before errDone is closed

	chunks     chan readChunk // from the read pump
	readMu     sync.Mutex     // one Read at a time owns pending, pendingBuf and readErr
	pending    []byte
	pendingBuf *[]byte // the pooled buffer pending points into
	readErr    error

	writeSlot chan struct{} // held by the write in progress, so writes stay in order

	rd, wd *deadline

	closeOnce sync.Once
	closed    chan struct{}
}

// readChunk is what one read of the data stream returned, in a pooled buffer.
type readChunk struct {
	buf  *[]byte
	data []byte
	err  error
}

func newConn(s *Session, port uint16, data, errs httpstream.Stream) *Conn {
	c := &Conn{s: s, port: port, data: data, errs: errs, errDone: make(chan struct{}),
		chunks: make(chan readChunk), writeSlot: make(chan struct{}, 1), rd: newDeadline(), wd: newDeadline(),
		closed: make(chan struct{})}
	go c.readErrors()
	go c.pumpReads()
	return c
}

// readErrors reads the error stream to its end; it must be read all along, or the kubelet's message
// could be dropped when it resets the streams.
func (c *Conn) readErrors() {
	defer close(c.errDone)
	remote, err := readErrorStream(c.errs, c.port)
	if remote != nil {
		c.remote = remote
	} else if err != nil {
		c.remote = fmt.Errorf("portforward: reading the error stream of port %d: %w", c.port, err)
	}
}

// maxErrorMessage bounds what is read from an error stream.
const maxErrorMessage = 64 << 10

// readErrorStream reads an error stream to its end: the kubelet's message as a *RemoteError when it
// wrote one, else nil and the read's error.
func readErrorStream(errs io.Reader, port uint16) (remote, err error) {
	msg, err := io.ReadAll(io.LimitReader(errs, maxErrorMessage))
	if text := strings.TrimSpace(string(msg)); text != "" {
		return &RemoteError{Port: port, Message: text}, nil
	}
	return nil, err
}

// pumpReads moves the data stream's bytes to Read, so that Read can give up at a deadline.
func (c *Conn) pumpReads() {
	for {
		buf := buffers.Get().(*[]byte)
		n, err := c.data.Read(*buf)
		if errors.Is(err, io.EOF) {
			err = c.endOfData()
		}
		select {
		case c.chunks <- readChunk{buf, (*buf)[:n], err}:
		case <-c.closed:
			buffers.Put(buf)
			return
		}
		if err != nil {
			return
		}
	}
}

// endOfData is the error that ends reading: the kubelet's error for this connection if it sent one,
// io.EOF for a clean end, or ErrSessionClosed when the session went away first.
func (c *Conn) endOfData() error {
	grace := time.NewTimer(errorStreamGrace)
	defer grace.Stop()
	select {
	case <-c.errDone:
	case <-c.s.closed:
	case <-c.closed:
	case <-grace.C:
		return io.EOF
	}
	select {
	case <-c.errDone:
		if c.remote != nil {
			return c.remote
		}
		return io.EOF
	default:
		return fmt.Errorf("%w: %w", ErrSessionClosed, io.ErrUnexpectedEOF)
	}
}

// Read reads what the pod's port sent.
func (c *Conn) Read(p []byte) (int, error) {
	c.readMu.Lock()
	defer c.readMu.Unlock()
	for len(c.pending) == 0 {
		if c.pendingBuf != nil { // an empty chunk
			buffers.Put(c.pendingBuf)
			c.pendingBuf = nil
		}
		if c.readErr != nil {
			return 0, c.readErr
		}
		if err := c.expired(c.rd, "read"); err != nil {
			return 0, err
		}
		select {
		case ch := <-c.chunks:
			c.pending, c.pendingBuf, c.readErr = ch.data, ch.buf, ch.err
		case <-c.rd.done():
		case <-c.closed:
			return 0, net.ErrClosed
		}
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	if len(c.pending) == 0 {
		buffers.Put(c.pendingBuf)
		c.pendingBuf = nil
	}
	return n, nil
}

// expired returns the error of a connection closed or past the deadline d: a *net.OpError wrapping
// os.ErrDeadlineExceeded for a timeout, as a TCP connection returns.
func (c *Conn) expired(d *deadline, op string) error {
	select {
	case <-c.closed:
		return net.ErrClosed
	case <-d.done():
		return c.timeout(op)
	default:
		return nil
	}
}

// timeout is the error of an operation whose deadline passed.
func (c *Conn) timeout(op string) error {
	return &net.OpError{Op: op, Net: "portforward", Addr: c.RemoteAddr(), Err: os.ErrDeadlineExceeded}
}

// Write sends p to the pod's port. The bytes are handed to a goroutine, so that a deadline, set
// before or during the call, or Close can end a Write blocked by a peer that does not read; a
// timed-out Write may still be sent afterwards, and later writes queue behind it.
func (c *Conn) Write(p []byte) (int, error) {
	if err := c.acquireWrite(); err != nil {
		return 0, err
	}
	type result struct {
		n   int
		err error
	}
	done := make(chan result, 1)
	buf, pooled := copyToWrite(p)
	go func() {
		defer c.releaseWrite()
		n, err := c.write(buf)
		if pooled != nil {
			buffers.Put(pooled)
		}
		done <- result{n, err}
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-c.wd.done():
		return 0, c.timeout("write")
	case <-c.closed:
		return 0, net.ErrClosed
	}
}

// copyToWrite copies p, into a pooled buffer when it fits one (returned as pooled).
func copyToWrite(p []byte) (buf []byte, pooled *[]byte) {
	if len(p) > readChunkSize {
		return append([]byte(nil), p...), nil
	}
	pooled = buffers.Get().(*[]byte)
	return (*pooled)[:copy(*pooled, p)], pooled
}

// acquireWrite waits for the previous write to finish, unless the deadline passes or c closes.
func (c *Conn) acquireWrite() error {
	if err := c.expired(c.wd, "write"); err != nil {
		return err
	}
	select {
	case c.writeSlot <- struct{}{}:
		return nil
	case <-c.wd.done(): // passed while waiting, even if moved since
		return c.timeout("write")
	case <-c.closed:
		return net.ErrClosed
	}
}

func (c *Conn) releaseWrite() { <-c.writeSlot }

func (c *Conn) write(p []byte) (int, error) {
	n, err := c.data.Write(p)
	if err != nil {
		select {
		case <-c.closed:
			return n, net.ErrClosed
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
// still be read. It waits for a write in progress.
func (c *Conn) CloseWrite() error {
	select {
	case c.writeSlot <- struct{}{}:
		defer c.releaseWrite()
		return c.data.Close()
	case <-c.closed:
		return net.ErrClosed
	}
}

// Close ends the connection in both directions and releases its streams. Calls in progress return at
// once; the reset is sent in the background, as it may wait behind data the peer has not read.
func (c *Conn) Close() error {
	err := net.ErrClosed
	c.closeOnce.Do(func() {
		err = nil
		close(c.closed)
		go func() {
			_ = c.data.Reset()
			_ = c.errs.Reset()
			c.s.conn.RemoveStreams(c.data, c.errs)
		}()
	})
	return err
}

var _ net.Conn = (*Conn)(nil)
