package portforward

import (
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http/httptest"
	"strconv"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/kubelet"
)

const testToken = "test-token-not-a-secret"

// kubeletAPI serves pods/portforward straight from the fake kubelet's handlers (no API server).
func kubeletAPI(t *testing.T, opts kubelet.APIOptions) *rest.Config {
	t.Helper()
	k, err := kubelet.Start(kubelet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(k.Close)
	opts.Authorization = "Bearer " + testToken
	srv := httptest.NewTLSServer(k.APIHandler(opts))
	t.Cleanup(srv.Close)
	cfg := &rest.Config{Host: srv.URL, BearerToken: testToken}
	cfg.TLSClientConfig.CAData = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	return cfg
}

// localEcho is a loopback echo server; the fake kubelet dials it for the pod.
func localEcho(t *testing.T) uint16 {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _, _ = io.Copy(c, c) }()
		}
	}()
	_, p, _ := net.SplitHostPort(l.Addr().String())
	n, _ := strconv.Atoi(p)
	return uint16(n)
}

// TestFallbackToSPDY: a server that refuses WebSockets gets the session over SPDY with Auto, and
// answers forced WebSocket with its Status.
func TestFallbackToSPDY(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{RefuseWebSocket: true})
	port := localEcho(t)
	s, err := Open(t.Context(), cfg, Options{Pod: "p"})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if s.Transport() != SPDY {
		t.Errorf("Transport() = %v, want spdy", s.Transport())
	}
	c, err := s.Dial(t.Context(), port)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("echo")); err != nil {
		t.Fatal(err)
	}
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(c); err != nil || string(got) != "echo" {
		t.Errorf("echo = %q, %v", got, err)
	}
	if _, err := Open(t.Context(), cfg, Options{Pod: "p", Transport: WebSocket}); !apierrors.IsBadRequest(err) {
		t.Errorf("forced WebSocket: %v, want the server's BadRequest", err)
	}
}

// TestOpenErrors: bad options and refused credentials are clear errors.
func TestOpenErrors(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{})
	if _, err := Open(t.Context(), cfg, Options{}); err == nil {
		t.Error("Open without a pod succeeded")
	}
	if _, err := Open(t.Context(), cfg, Options{Pod: "p", Transport: 9}); err == nil {
		t.Error("Open with an unknown transport succeeded")
	}
	cfg.BearerToken = "wrong"
	for _, tr := range []Transport{WebSocket, SPDY, Auto} {
		if _, err := Open(t.Context(), cfg, Options{Pod: "p", Transport: tr}); !apierrors.IsUnauthorized(err) {
			t.Errorf("%v with a wrong token: %v, want Unauthorized", tr, err)
		}
	}
}

// TestDialAfterClose: a closed session refuses new connections.
func TestDialAfterClose(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{})
	s, err := Open(t.Context(), cfg, Options{Pod: "p", Transport: SPDY})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	<-s.Done()
	if _, err := s.Dial(t.Context(), 80); !errors.Is(err, ErrSessionClosed) {
		t.Errorf("Dial after Close: %v, want ErrSessionClosed", err)
	}
	if _, err := s.Dial(t.Context(), 0); err == nil {
		t.Error("Dial of port 0 succeeded")
	}
}

// TestListenErrors: bad specs and busy ports fail Listen as a whole, leaving no listener behind.
func TestListenErrors(t *testing.T) {
	cfg := kubeletAPI(t, kubelet.APIOptions{})
	s, err := Open(t.Context(), cfg, Options{Pod: "p", Transport: SPDY})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	free := freePort(t)
	busySpec := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port) + ":80"
	for _, specs := range [][]string{nil, {"http"}, {strconv.Itoa(free) + ":80", busySpec}} {
		if ports, err := s.Listen(t.Context(), specs...); err == nil {
			t.Errorf("Listen(%q) = %v, want an error", specs, ports)
		}
	}
	// The first spec of the failed call was bound, then released.
	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(free))
	if err != nil {
		t.Fatalf("port %d still taken after a failed Listen: %v", free, err)
	}
	l.Close()
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
