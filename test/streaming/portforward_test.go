//go:build e2e

package streaming

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/net/nettest"

	"github.com/kubegen/kubegen/client/portforward"
)

// forwardTransports and the transport each actually uses: Auto must pick the WebSocket tunnel, as
// kube-apiserver 1.37 accepts it.
var forwardTransports = []struct {
	ask, want portforward.Transport
}{
	{portforward.WebSocket, portforward.WebSocket},
	{portforward.SPDY, portforward.SPDY},
	{portforward.Auto, portforward.WebSocket},
}

// openSession opens a port-forward session to the test pod and checks which transport it runs over.
func openSession(t *testing.T, ctx context.Context, ns, pod string, ask, want portforward.Transport) *portforward.Session {
	t.Helper()
	s, err := portforward.Open(ctx, testCluster.AdminConfig(), portforward.Options{Namespace: ns, Pod: pod, Transport: ask})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if s.Transport() != want {
		t.Errorf("session runs over %v, want %v", s.Transport(), want)
	}
	return s
}

// podPort is the port of a server on 127.0.0.1, which the fake kubelet dials for the pod.
func podPort(t testing.TB, addr string) uint16 {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(p)
	if err != nil {
		t.Fatal(err)
	}
	return uint16(n)
}

// podListener listens on a free port of 127.0.0.1, the pod's port as the fake kubelet dials it, until
// the test ends.
func podListener(t testing.TB) (net.Listener, uint16) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, podPort(t, l.Addr().String())
}

// TestPortForwardHTTP sends an HTTP request to the pod's port through a local listener (as kubectl
// port-forward does) and through Session.Dial used as an http.Client's dialer.
func TestPortForwardHTTP(t *testing.T) {
	ns, pod := newPod(t)
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello from the pod, path %s", r.URL.Path)
	}))
	defer web.Close()
	port := podPort(t, web.Listener.Addr().String())
	for _, tr := range forwardTransports {
		t.Run(tr.ask.String(), func(t *testing.T) {
			ctx := testContext(t)
			s := openSession(t, ctx, ns, pod, tr.ask, tr.want)
			ports, err := s.Listen(ctx, fmt.Sprintf(":%d", port))
			if err != nil {
				t.Fatalf("Listen: %v", err)
			}
			if ports[0].Local == 0 || ports[0].Remote != port {
				t.Fatalf("Listen returned %v", ports)
			}
			viaListener := &http.Client{Transport: &http.Transport{}}
			checkGet(t, viaListener, fmt.Sprintf("http://127.0.0.1:%d/listener", ports[0].Local), "/listener")
			viaDial := &http.Client{Transport: &http.Transport{
				DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) { return s.Dial(ctx, port) },
			}}
			checkGet(t, viaDial, "http://pod/dial", "/dial")
		})
	}
}

func checkGet(t *testing.T, c *http.Client, url, path string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	if want := "hello from the pod, path " + path; string(body) != want {
		t.Errorf("GET %s = %q, want %q", url, body, want)
	}
}

// echoServer answers every connection with what it receives, then closes its side.
func echoServer(t testing.TB) uint16 {
	t.Helper()
	l, port := podListener(t)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	return port
}

// TestPortForwardConcurrent runs 20 connections at once over one session, each echoing 256 KiB of its
// own random bytes.
func TestPortForwardConcurrent(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	for _, tr := range forwardTransports {
		t.Run(tr.ask.String(), func(t *testing.T) {
			ctx := testContext(t)
			s := openSession(t, ctx, ns, pod, tr.ask, tr.want)
			var wg sync.WaitGroup
			errs := make(chan error, 20)
			for i := range 20 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := echoOnce(ctx, s, port, 256<<10); err != nil {
						errs <- fmt.Errorf("connection %d: %w", i, err)
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

// echoOnce sends size random bytes on a new connection, half-closes it and checks they come back.
func echoOnce(ctx context.Context, s *portforward.Session, port uint16, size int) error {
	c, err := s.Dial(ctx, port)
	if err != nil {
		return err
	}
	defer c.Close()
	payload := make([]byte, size)
	_, _ = rand.Read(payload)
	writeErr := make(chan error, 1)
	go func() {
		_, err := c.Write(payload)
		if err == nil {
			err = c.CloseWrite()
		}
		writeErr <- err
	}()
	got, err := io.ReadAll(c)
	if err != nil {
		return fmt.Errorf("reading: %w", err)
	}
	if err := <-writeErr; err != nil {
		return fmt.Errorf("writing: %w", err)
	}
	if !bytes.Equal(got, payload) {
		return fmt.Errorf("echo of %d bytes came back as %d different bytes", size, len(got))
	}
	return nil
}

// TestPortForwardRefused dials a pod port nothing listens on: that connection reports the kubelet's
// *RemoteError, and the session goes on serving other connections.
func TestPortForwardRefused(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	closed := closedPort(t)
	for _, tr := range forwardTransports {
		t.Run(tr.ask.String(), func(t *testing.T) {
			ctx := testContext(t)
			s := openSession(t, ctx, ns, pod, tr.ask, tr.want)
			// The kubelet's answer races the stream setup: it comes from Dial or from Read.
			c, err := s.Dial(ctx, closed)
			if err == nil {
				_, err = io.ReadAll(c)
				c.Close()
			}
			var remote *portforward.RemoteError
			if !errors.As(err, &remote) || remote.Port != closed {
				t.Fatalf("connecting to a refused port: %v (%T), want *RemoteError for port %d", err, err, closed)
			}
			if err := echoOnce(ctx, s, port, 1024); err != nil {
				t.Fatalf("the session after a refused connection: %v", err)
			}
		})
	}
}

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) uint16 {
	l, port := podListener(t)
	l.Close()
	return port
}

// TestPortForwardCancel cancels the context of a session with a connection open: the session ends,
// the open connection's Read returns instead of hanging, and new dials fail with ErrSessionClosed.
func TestPortForwardCancel(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	for _, tr := range forwardTransports {
		t.Run(tr.ask.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(testContext(t))
			s := openSession(t, ctx, ns, pod, tr.ask, tr.want)
			c, err := s.Dial(ctx, port)
			if err != nil {
				t.Fatalf("Dial: %v", err)
			}
			if _, err := c.Write([]byte("ping")); err != nil {
				t.Fatalf("Write: %v", err)
			}
			buf := make([]byte, 4)
			if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "ping" {
				t.Fatalf("echo: %q, %v", buf, err)
			}
			readErr := make(chan error, 1)
			go func() {
				_, err := c.Read(buf)
				readErr <- err
			}()
			cancel()
			<-s.Done()
			if err := <-readErr; err == nil {
				t.Error("Read on a cancelled session returned no error")
			}
			if _, err := s.Dial(testContext(t), port); !errors.Is(err, portforward.ErrSessionClosed) {
				t.Errorf("Dial after cancel: %v, want ErrSessionClosed", err)
			}
		})
	}
}

// TestForwardUntilCancel: Forward, the kubectl port-forward of the package, returns nil when its
// context is cancelled.
func TestForwardUntilCancel(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	local := closedPort(t) // free now; Forward listens on it
	ctx, cancel := context.WithCancel(testContext(t))
	done := make(chan error, 1)
	go func() {
		done <- portforward.Forward(ctx, testCluster.AdminConfig(), portforward.Options{Namespace: ns, Pod: pod},
			fmt.Sprintf("%d:%d", local, port))
	}()
	var c net.Conn
	for c == nil { // Forward listens soon after it starts
		var err error
		if c, err = net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", local)); err != nil {
			select {
			case err := <-done:
				t.Fatalf("Forward ended early: %v", err)
			case <-shortWait(ctx).Done():
			}
		}
	}
	defer c.Close()
	if _, err := c.Write([]byte("hi")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 2)
	if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "hi" {
		t.Fatalf("echo through Forward: %q, %v", buf, err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Forward after cancel: %v, want nil", err)
	}
}

// TestConnConformance runs x/net's net.Conn conformance suite (I/O, concurrency, deadlines, close) on
// portforward.Conn through kube-apiserver, over each transport; the other end is the connection the
// fake kubelet opened to a local port.
func TestConnConformance(t *testing.T) {
	ns, pod := newPod(t)
	l, port := podListener(t)
	for _, tr := range forwardTransports[:2] {
		t.Run(tr.ask.String(), func(t *testing.T) {
			s := openSession(t, testContext(t), ns, pod, tr.ask, tr.want)
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
		})
	}
}

// TestPortForwardCloseWhileBlocked closes a session while a connection's writes are stuck behind a
// pod port that never reads: Close returns and so does the blocked Write.
func TestPortForwardCloseWhileBlocked(t *testing.T) {
	ns, pod := newPod(t)
	l, port := podListener(t)
	for _, tr := range forwardTransports[:2] {
		t.Run(tr.ask.String(), func(t *testing.T) {
			s := openSession(t, testContext(t), ns, pod, tr.ask, tr.want)
			c, err := s.Dial(testContext(t), port)
			if err != nil {
				t.Fatal(err)
			}
			peer, err := l.Accept() // accepted, never read
			if err != nil {
				t.Fatal(err)
			}
			defer peer.Close()
			var written atomic.Int64
			writeErr := make(chan error, 1)
			go func() {
				buf := make([]byte, 64<<10)
				for {
					n, err := c.Write(buf)
					written.Add(int64(n))
					if err != nil {
						writeErr <- err
						return
					}
				}
			}()
			// Wait until writing stops moving: every buffer on the way is full.
			for last := int64(-1); last != written.Load(); {
				last = written.Load()
				<-shortWait(testContext(t)).Done()
			}
			s.Close()
			if err := <-writeErr; err == nil {
				t.Error("Write on a closed session returned no error")
			}
		})
	}
}
