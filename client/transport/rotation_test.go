package transport

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestBearerTokenFileRotation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echoHandler))
	t.Cleanup(srv.Close)
	path := writeFile(t, t.TempDir(), "token", []byte("token-0\n"))
	rt, err := New(&Config{BearerTokenFile: path, BearerToken: "inline"})
	if err != nil {
		t.Fatal(err)
	}
	// Same-length tokens written back to back: stat alone cannot tell them apart.
	for i := range 5 {
		want := fmt.Sprintf("token-%d", i)
		if i > 0 {
			writeFile(t, filepath.Dir(path), "token", []byte(want+"\n"))
		}
		e, err := get(t, rt, srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Header.Get("Authorization"); got != "Bearer "+want {
			t.Fatalf("after writing %s: Authorization = %q", want, got)
		}
	}
	// Rotation by rename (how kubelet updates projected tokens).
	tmp := writeFile(t, filepath.Dir(path), "token.new", []byte("renamed"))
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer renamed" {
		t.Fatalf("after rename: %q, %v", e.Header.Get("Authorization"), err)
	}
	// A vanished file keeps the last good token.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer renamed" {
		t.Fatalf("after removal: %q, %v", e.Header.Get("Authorization"), err)
	}
}

func TestBearerTokenFileFallback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echoHandler))
	t.Cleanup(srv.Close)
	missing := filepath.Join(t.TempDir(), "missing")

	rt, err := New(&Config{BearerTokenFile: missing, BearerToken: "inline"})
	if err != nil {
		t.Fatal(err)
	}
	if e, err := get(t, rt, srv.URL); err != nil || e.Header.Get("Authorization") != "Bearer inline" {
		t.Fatalf("unreadable file with inline token: %q, %v", e.Header.Get("Authorization"), err)
	}

	rt, err = New(&Config{BearerTokenFile: missing})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := get(t, rt, srv.URL); err == nil {
		t.Fatal("unreadable token file without fallback: request succeeded")
	}

	empty := writeFile(t, t.TempDir(), "empty", []byte(" \n"))
	rt, err = New(&Config{BearerTokenFile: empty})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := get(t, rt, srv.URL); err == nil {
		t.Fatal("empty token file: request succeeded")
	}
}

func TestClientCertFileRotation(t *testing.T) {
	ca := newTestCA(t)
	srv := newTLSServer(t, ca, http.HandlerFunc(echoHandler))
	dir := t.TempDir()
	write := func(cn string) {
		cert, key := ca.issue(t, cn)
		writeFile(t, dir, "tls.crt", cert)
		writeFile(t, dir, "tls.key", key)
	}
	write("first")
	rt, err := New(&Config{TLS: TLSConfig{CAData: ca.certPEM, CertFile: filepath.Join(dir, "tls.crt"), KeyFile: filepath.Join(dir, "tls.key")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, cn := range []string{"first", "second", "third"} {
		if cn != "first" {
			write(cn)
		}
		rt.(interface{ CloseIdleConnections() }).CloseIdleConnections() // force a new handshake
		e, err := get(t, rt, srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		if e.ClientCN != cn {
			t.Fatalf("client certificate CN = %q, want %q", e.ClientCN, cn)
		}
	}
	// A half-written rotation (certificate and key do not match) keeps the last good pair.
	other, _ := ca.issue(t, "mismatch")
	writeFile(t, dir, "tls.crt", other)
	rt.(interface{ CloseIdleConnections() }).CloseIdleConnections()
	if e, err := get(t, rt, srv.URL); err != nil || e.ClientCN != "third" {
		t.Fatalf("mid-rotation: CN %q, %v; want the last good certificate", e.ClientCN, err)
	}
}

func TestConcurrentRequestsWithRotation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echoHandler))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	path := writeFile(t, dir, "token", []byte("t-0"))
	rt, err := New(&Config{BearerTokenFile: path, UserAgent: "ua", Impersonate: ImpersonationConfig{UserName: "u"}})
	if err != nil {
		t.Fatal(err)
	}
	// One request first: in-place rewrites truncate the file, and before any good read there is no
	// last good token to fall back to.
	if _, err := get(t, rt, srv.URL); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				e, err := get(t, rt, srv.URL)
				if err != nil {
					errs <- err
					return
				}
				if e.Header.Get("User-Agent") != "ua" || e.Header.Get("Impersonate-User") != "u" || len(e.Header.Get("Authorization")) < len("Bearer t-0") {
					errs <- fmt.Errorf("goroutine %d request %d: headers %v", g, i, e.Header)
					return
				}
			}
		})
	}
	for i := range 20 {
		writeFile(t, dir, "token", fmt.Appendf(nil, "t-%d", i))
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// closeRecorder is a request body that records whether it was closed.
type closeRecorder struct {
	strings.Reader
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// A request that fails before reaching the network (no credential) still has its body closed, as the
// http.RoundTripper contract requires.
func TestFailedCredentialClosesBody(t *testing.T) {
	rt, err := New(&Config{BearerTokenFile: filepath.Join(t.TempDir(), "missing")})
	if err != nil {
		t.Fatal(err)
	}
	body := &closeRecorder{}
	req, err := http.NewRequest(http.MethodPost, "http://127.0.0.1:1/", body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rt.RoundTrip(req); err == nil {
		t.Fatal("request without a readable token succeeded")
	}
	if !body.closed {
		t.Error("request body not closed after the credential failed")
	}
}
