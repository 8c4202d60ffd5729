package remotecommand

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/kubegen/kubegen/test/kubelet"
)

// connectProxy is an HTTP CONNECT proxy that counts the tunnels it opens.
func connectProxy(t *testing.T) (*url.URL, *atomic.Int32) {
	t.Helper()
	var tunnels atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		dst, err := net.Dial("tcp", r.Host)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer dst.Close()
		src, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer src.Close()
		tunnels.Add(1)
		_, _ = io.WriteString(src, "HTTP/1.1 200 Connection established\r\n\r\n")
		go func() { _, _ = io.Copy(dst, src) }()
		_, _ = io.Copy(src, dst)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return u, &tunnels
}

// TestProxy: both transports dial through the configured proxy.
func TestProxy(t *testing.T) {
	proxy, tunnels := connectProxy(t)

	spdyCfg := kubeletAPI(t, kubelet.APIOptions{RefuseWebSocket: true})
	spdyCfg.Proxy = http.ProxyURL(proxy)
	var stdout bytes.Buffer
	if err := Exec(t.Context(), spdyCfg, Options{Pod: "p", Command: []string{"echo", "via proxy"}, Stdout: &stdout,
		Transport: SPDY}); err != nil || stdout.String() != "via proxy\n" {
		t.Fatalf("SPDY through the proxy: %v, stdout %q", err, stdout.String())
	}
	if n := tunnels.Load(); n != 1 {
		t.Errorf("SPDY: the proxy opened %d tunnels, want 1", n)
	}

	wsCfg, opts := v5Server(t, func(c *websocket.Conn) {
		_ = c.WriteMessage(websocket.BinaryMessage, encodeFrame(channelError, []byte(`{"status":"Success"}`)))
		_ = c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
	})
	wsCfg.Proxy = http.ProxyURL(proxy)
	opts.Command, opts.Stdout = []string{"x"}, io.Discard
	if err := Exec(t.Context(), wsCfg, opts); err != nil {
		t.Fatalf("WebSocket through the proxy: %v", err)
	}
	if n := tunnels.Load(); n != 2 {
		t.Errorf("after WebSocket: the proxy opened %d tunnels in all, want 2", n)
	}
}
