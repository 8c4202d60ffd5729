//go:build e2e

package e2e

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubegen/kubegen/test/cluster"
)

// proxyLog records the destinations a test proxy tunnelled to.
type proxyLog struct {
	mu      sync.Mutex
	targets []string
}

func (l *proxyLog) add(target string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.targets = append(l.targets, target)
}

func (l *proxyLog) list() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.targets...)
}

// pipe copies between the two connections until either side closes, then closes both.
func pipe(a, b net.Conn) {
	done := make(chan struct{}, 2)
	cp := func(dst, src net.Conn) {
		_, _ = io.Copy(dst, src)
		done <- struct{}{}
	}
	go cp(a, b)
	go cp(b, a)
	<-done
	a.Close()
	b.Close()
}

// connectProxy is an HTTP proxy that only tunnels (CONNECT), as HTTPS through a proxy needs.
func connectProxy(t *testing.T, log *proxyLog) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		upstream, err := net.Dial("tcp", r.Host)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		log.add(r.Host)
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 Connection established\r\n\r\n")
		_ = buf.Flush()
		pipe(conn, upstream)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// socks5Proxy is a SOCKS5 server (no authentication, CONNECT only).
func socks5Proxy(t *testing.T, log *proxyLog) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			go serveSOCKS5(conn, log)
		}
	}()
	return "socks5://" + l.Addr().String()
}

func serveSOCKS5(conn net.Conn, log *proxyLog) {
	r := bufio.NewReader(conn)
	target, err := readSOCKS5Request(r, conn)
	if err != nil {
		conn.Close()
		return
	}
	upstream, err := net.Dial("tcp", target)
	if err != nil {
		_, _ = conn.Write([]byte{5, 5, 0, 1, 0, 0, 0, 0, 0, 0}) // connection refused
		conn.Close()
		return
	}
	log.add(target)
	_, _ = conn.Write([]byte{5, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	pipe(&bufferedConn{conn, r}, upstream)
}

// readSOCKS5Request reads the greeting (answering "no authentication") and the CONNECT request.
func readSOCKS5Request(r *bufio.Reader, w io.Writer) (string, error) {
	head := make([]byte, 2)
	if _, err := io.ReadFull(r, head); err != nil || head[0] != 5 {
		return "", errors.New("not SOCKS5")
	}
	if _, err := io.ReadFull(r, make([]byte, head[1])); err != nil {
		return "", err
	}
	if _, err := w.Write([]byte{5, 0}); err != nil {
		return "", err
	}
	req := make([]byte, 4)
	if _, err := io.ReadFull(r, req); err != nil || req[1] != 1 {
		return "", errors.New("not a CONNECT request")
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
		n, err := r.ReadByte()
		if err != nil {
			return "", err
		}
		name := make([]byte, n)
		if _, err := io.ReadFull(r, name); err != nil {
			return "", err
		}
		host = string(name)
	default:
		return "", fmt.Errorf("address type %d", req[3])
	}
	port := make([]byte, 2)
	if _, err := io.ReadFull(r, port); err != nil {
		return "", err
	}
	return net.JoinHostPort(host, strconv.Itoa(int(binary.BigEndian.Uint16(port)))), nil
}

// bufferedConn reads through the bufio.Reader that parsed the handshake.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// TestProxyURL reaches the apiserver through an HTTP CONNECT proxy and a SOCKS5 proxy named by the
// kubeconfig's proxy-url, and checks that the proxy carried the connection.
func TestProxyURL(t *testing.T) {
	proxies := []struct {
		name  string
		start func(*testing.T, *proxyLog) string
	}{
		{"http-connect", connectProxy},
		{"socks5", socks5Proxy},
	}
	for _, p := range proxies {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			log := &proxyLog{}
			auth := cluster.Auth{Credential: cluster.TokenInline, Trust: cluster.CAFile, ProxyURL: p.start(t, log)}
			cfg := configFromKubeconfig(t, auth)
			ns := newNamespace(t)
			err := restClient(t, cfg, coreV1, jsonType).Get().Namespace(ns).Resource("pods").Do(t.Context()).
				Into(&corev1.PodList{})
			if err != nil {
				t.Fatalf("list pods through the proxy: %v", err)
			}
			targets := log.list()
			if len(targets) == 0 || targets[0] != testCluster.HostPort() {
				t.Fatalf("proxy tunnelled to %v, want %s", targets, testCluster.HostPort())
			}
		})
	}
}
