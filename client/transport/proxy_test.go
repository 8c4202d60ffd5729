package transport

import (
	"bufio"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"sync/atomic"
	"testing"
)

// connectProxy is an HTTP proxy that only tunnels CONNECT requests, counting them.
func connectProxy(hits *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		hits.Add(1)
		dst, err := net.Dial("tcp", r.Host)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		conn, rw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			dst.Close()
			return
		}
		_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
		pipe(conn, rw.Reader, dst)
	})
}

// pipe copies between a client connection (read through r) and dst until either side closes.
func pipe(client net.Conn, r io.Reader, dst net.Conn) {
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(dst, r); done <- struct{}{} }()
	go func() { _, _ = io.Copy(client, dst); done <- struct{}{} }()
	<-done
	client.Close()
	dst.Close()
}

// socks5Server is a minimal SOCKS5 server (no authentication, CONNECT only) counting connections.
func socks5Server(t *testing.T, hits *atomic.Int32) string {
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
			go serveSOCKS5(c, hits)
		}
	}()
	return l.Addr().String()
}

func serveSOCKS5(c net.Conn, hits *atomic.Int32) {
	r := bufio.NewReader(c)
	target, err := socks5Handshake(r, c)
	if err != nil {
		c.Close()
		return
	}
	dst, err := net.Dial("tcp", target)
	if err != nil {
		_, _ = c.Write([]byte{5, 5, 0, 1, 0, 0, 0, 0, 0, 0}) // connection refused
		c.Close()
		return
	}
	hits.Add(1)
	_, _ = c.Write([]byte{5, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	pipe(c, r, dst)
}

// socks5Handshake reads the greeting and CONNECT request and returns the target host:port.
func socks5Handshake(r *bufio.Reader, w io.Writer) (string, error) {
	head := make([]byte, 2)
	if _, err := io.ReadFull(r, head); err != nil || head[0] != 5 {
		return "", errors.New("not socks5")
	}
	if _, err := io.ReadFull(r, make([]byte, head[1])); err != nil {
		return "", err
	}
	if _, err := w.Write([]byte{5, 0}); err != nil {
		return "", err
	}
	req := make([]byte, 4)
	if _, err := io.ReadFull(r, req); err != nil || req[1] != 1 {
		return "", errors.New("not a CONNECT")
	}
	var host string
	switch req[3] {
	case 1, 4:
		ip := make([]byte, map[byte]int{1: 4, 4: 16}[req[3]])
		if _, err := io.ReadFull(r, ip); err != nil {
			return "", err
		}
		host = net.IP(ip).String()
	case 3:
		n, _ := r.ReadByte()
		name := make([]byte, n)
		if _, err := io.ReadFull(r, name); err != nil {
			return "", err
		}
		host = string(name)
	default:
		return "", errors.New("bad address type")
	}
	port := make([]byte, 2)
	if _, err := io.ReadFull(r, port); err != nil {
		return "", err
	}
	return net.JoinHostPort(host, strconv.Itoa(int(binary.BigEndian.Uint16(port)))), nil
}

func TestProxy(t *testing.T) {
	ca := newTestCA(t)
	target := newTLSServer(t, ca, http.HandlerFunc(echoHandler))

	var httpHits, httpsHits, socksHits atomic.Int32
	httpProxy := httptest.NewServer(connectProxy(&httpHits))
	t.Cleanup(httpProxy.Close)
	httpsProxy := newTLSProxy(t, ca, connectProxy(&httpsHits))
	socks := socks5Server(t, &socksHits)

	tests := []struct {
		name  string
		proxy string
		hits  *atomic.Int32
	}{
		{"http", httpProxy.URL, &httpHits},
		{"https", httpsProxy.URL, &httpsHits},
		{"socks5", "socks5://" + socks, &socksHits},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.proxy)
			if err != nil {
				t.Fatal(err)
			}
			rt, err := New(&Config{TLS: TLSConfig{CAData: ca.certPEM}, BearerToken: "via-proxy", Proxy: http.ProxyURL(u)})
			if err != nil {
				t.Fatal(err)
			}
			before := tt.hits.Load()
			e, err := get(t, rt, target.URL)
			if err != nil {
				t.Fatalf("GET through %s proxy: %v", tt.name, err)
			}
			if e.Header.Get("Authorization") != "Bearer via-proxy" {
				t.Errorf("Authorization = %q", e.Header.Get("Authorization"))
			}
			if tt.hits.Load() != before+1 {
				t.Errorf("proxy tunnelled %d connections, want 1", tt.hits.Load()-before)
			}
		})
	}
}

// newTLSProxy serves handler over HTTPS with HTTP/1.1 only (CONNECT needs hijacking).
func newTLSProxy(t *testing.T, ca *testCA, handler http.Handler) *httptest.Server {
	certPEM, keyPEM := ca.issue(t, "proxy", "127.0.0.1")
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(handler)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestProxyDefaultsToEnvironment(t *testing.T) {
	rt, err := New(&Config{TLS: TLSConfig{ServerName: "env-proxy-test"}})
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := rt.(*http.Transport)
	if !ok {
		t.Fatalf("New = %T", rt)
	}
	// http.ProxyFromEnvironment reads the environment once per process, so compare the function itself.
	if tr.Proxy == nil || reflect.ValueOf(tr.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Error("a Config without Proxy does not use http.ProxyFromEnvironment")
	}
}
