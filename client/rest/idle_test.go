package rest

import (
	"encoding/pem"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestCloseIdleConnectionsReachesThePool: http.Client.CloseIdleConnections on a client from
// HTTPClientFor closes the pooled connection, so the next request makes a new one (and presents
// rotated client certificates). Every round tripper the client stacks must pass the call on; the
// request logger did not, and a rotated certificate file was never presented.
func TestCloseIdleConnectionsReachesThePool(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.EnableHTTP2 = true // as kube-apiserver
	srv.StartTLS()
	t.Cleanup(srv.Close)

	cfg := testConfig(srv.URL, ContentTypeJSON)
	cfg.TLSClientConfig.CAData = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	client, err := HTTPClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	get := func() {
		resp, err := client.Get(srv.URL + "/api")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	get()
	get()
	if n := conns.Load(); n != 1 {
		t.Fatalf("two requests made %d connections, want 1 (kept alive)", n)
	}
	client.CloseIdleConnections()
	get()
	if n := conns.Load(); n != 2 {
		t.Errorf("after CloseIdleConnections the request made %d connections in all, want 2 (a new one)", n)
	}
}
