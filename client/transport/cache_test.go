package transport

import (
	"context"
	"net"
	"net/http"
	"sync"
	"testing"
)

// baseOf digs the *http.Transport out of a round tripper New returned.
func baseOf(t *testing.T, rt http.RoundTripper) *http.Transport {
	t.Helper()
	if h, ok := rt.(*headerRoundTripper); ok {
		rt = h.next
	}
	tr, ok := rt.(*http.Transport)
	if !ok {
		t.Fatalf("base round tripper is %T", rt)
	}
	return tr
}

func TestTransportCache(t *testing.T) {
	ca := newTestCA(t)
	cert, key := ca.issue(t, "alice")
	dir := t.TempDir()
	caFile := writeFile(t, dir, "ca.crt", ca.certPEM)
	proxy := http.ProxyFromEnvironment
	dial := (&net.Dialer{}).DialContext
	wrap := func(rt http.RoundTripper) http.RoundTripper { return rt }

	tests := []struct {
		name   string
		a, b   Config
		shared bool
	}{
		{"identical TLS", Config{TLS: TLSConfig{CAData: ca.certPEM, CertData: cert, KeyData: key}},
			Config{TLS: TLSConfig{CAData: append([]byte(nil), ca.certPEM...), CertData: cert, KeyData: key}}, true},
		{"credentials and headers do not matter", Config{BearerToken: "a", UserAgent: "x"},
			Config{Username: "u", Password: "p", Impersonate: ImpersonationConfig{UserName: "bob"}}, true},
		{"same CA file", Config{TLS: TLSConfig{CAFile: caFile}}, Config{TLS: TLSConfig{CAFile: caFile}}, true},
		{"WrapTransport still shares", Config{WrapTransport: wrap}, Config{}, true},
		{"different CA", Config{TLS: TLSConfig{CAData: ca.certPEM}}, Config{TLS: TLSConfig{CAData: newTestCA(t).certPEM}}, false},
		{"CA data vs CA file", Config{TLS: TLSConfig{CAData: ca.certPEM}}, Config{TLS: TLSConfig{CAFile: caFile}}, false},
		{"insecure", Config{TLS: TLSConfig{Insecure: true}}, Config{}, false},
		{"server name", Config{TLS: TLSConfig{ServerName: "a"}}, Config{TLS: TLSConfig{ServerName: "b"}}, false},
		{"compression", Config{DisableCompression: true}, Config{}, false},
		{"next protos", Config{TLS: TLSConfig{NextProtos: []string{"http/1.1"}}}, Config{}, false},
		{"proxy func is never shared", Config{Proxy: proxy}, Config{Proxy: proxy}, false},
		{"dial func is never shared", Config{DialContext: dial}, Config{DialContext: dial}, false},
		// An exec plugin may return a client certificate, presented by the transport's TLS config.
		{"same exec plugin", Config{Exec: execPlugin("a")}, Config{Exec: execPlugin("a")}, true},
		{"different exec plugins", Config{Exec: execPlugin("a")}, Config{Exec: execPlugin("b")}, false},
		{"exec plugin vs none", Config{Exec: execPlugin("a")}, Config{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ra, err := New(&tt.a)
			if err != nil {
				t.Fatal(err)
			}
			rb, err := New(&tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if got := baseOf(t, ra) == baseOf(t, rb); got != tt.shared {
				t.Errorf("shared transport = %v, want %v", got, tt.shared)
			}
		})
	}
}

// execPlugin is an exec configuration naming command; New does not run it.
func execPlugin(command string) *ExecConfig {
	return &ExecConfig{Command: command, APIVersion: execAPIv1, InteractiveMode: InteractiveNever}
}

func TestTransportCacheCAFileRewritten(t *testing.T) {
	dir := t.TempDir()
	caFile := writeFile(t, dir, "ca.crt", newTestCA(t).certPEM)
	first, err := New(&Config{TLS: TLSConfig{CAFile: caFile}})
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "ca.crt", newTestCA(t).certPEM)
	second, err := New(&Config{TLS: TLSConfig{CAFile: caFile}})
	if err != nil {
		t.Fatal(err)
	}
	if baseOf(t, first) == baseOf(t, second) {
		t.Error("a rewritten CA file reused the transport trusting the old CA")
	}
}

func TestTransportSettings(t *testing.T) {
	var dialed bool
	rt, err := New(&Config{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dialed = true
		return nil, net.ErrClosed
	}})
	if err != nil {
		t.Fatal(err)
	}
	tr := baseOf(t, rt)
	if !tr.ForceAttemptHTTP2 || tr.HTTP2 == nil || tr.HTTP2.SendPingTimeout == 0 {
		t.Error("HTTP/2 with health checks is not enabled")
	}
	if tr.MaxIdleConnsPerHost < 25 {
		t.Errorf("MaxIdleConnsPerHost = %d, too few for informers", tr.MaxIdleConnsPerHost)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/", nil)
	if _, err := rt.RoundTrip(req); err == nil || !dialed {
		t.Errorf("custom DialContext not used (dialed %v, err %v)", dialed, err)
	}
}

func TestCustomTransport(t *testing.T) {
	var seen http.Header
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r.Header
		return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
	})
	var wrapped bool
	rt, err := New(&Config{Transport: base, BearerToken: "t", WrapTransport: func(rt http.RoundTripper) http.RoundTripper {
		wrapped = true
		return rt
	}})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "http://server/", nil)
	if _, err := rt.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if !wrapped || seen.Get("Authorization") != "Bearer t" {
		t.Errorf("custom transport: wrapped %v, Authorization %q", wrapped, seen.Get("Authorization"))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewConcurrent(t *testing.T) {
	ca := newTestCA(t)
	var wg sync.WaitGroup
	rts := make([]http.RoundTripper, 16)
	for i := range rts {
		wg.Go(func() {
			rt, err := New(&Config{TLS: TLSConfig{CAData: ca.certPEM, ServerName: "concurrent"}})
			if err != nil {
				t.Error(err)
				return
			}
			rts[i] = rt
		})
	}
	wg.Wait()
	for _, rt := range rts[1:] {
		if baseOf(t, rt) != baseOf(t, rts[0]) {
			t.Fatal("concurrent New calls with one config built different transports")
		}
	}
}
