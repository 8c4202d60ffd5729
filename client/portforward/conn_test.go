package portforward

import (
	"errors"
	"net"
	"os"
	"testing"
	"time"

	"golang.org/x/net/nettest"

	"github.com/kubegen/kubegen/test/kubelet"
)

// TestConnConformance runs x/net's net.Conn conformance suite (I/O, concurrency, deadlines, close)
// on Conn, whose other end is the connection the fake kubelet opened to a local port, over SPDY
// straight to the kubelet handlers (test/streaming runs it through kube-apiserver on both transports).
func TestConnConformance(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{RefuseWebSocket: true})
	s, err := Open(t.Context(), cfg, Options{Pod: "p"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := uint16(l.Addr().(*net.TCPAddr).Port)
	nettest.TestConn(t, func() (net.Conn, net.Conn, func(), error) {
		c1, err := s.Dial(t.Context(), port)
		if err != nil {
			return nil, nil, nil, err
		}
		c2, err := l.Accept()
		if err != nil {
			c1.Close()
			return nil, nil, nil, err
		}
		return c1, c2, func() { c1.Close(); c2.Close() }, nil
	})
}

// TestConnDeadline: a past read deadline fails Read at once with a timeout, and clearing it lets the
// data through again.
func TestConnDeadline(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{})
	port := localEcho(t)
	s, err := Open(t.Context(), cfg, Options{Pod: "p", Transport: SPDY})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Dial(t.Context(), port)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(-time.Second))
	var ne net.Error
	if _, err := c.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("Read past the deadline: %v, want a timeout", err)
	}
	c.SetReadDeadline(time.Time{})
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 1)
	if _, err := c.Read(b); err != nil || b[0] != 'x' {
		t.Fatalf("Read after clearing the deadline: %q, %v", b, err)
	}
	c.SetWriteDeadline(time.Now().Add(-time.Second))
	if _, err := c.Write([]byte("y")); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("Write past the deadline: %v, want a timeout", err)
	}
}
