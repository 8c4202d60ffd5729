package transport

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// nopTransport answers every request without I/O, so the benchmarks measure the wrappers alone.
type nopTransport struct{}

func (nopTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: r}, nil
}

// BenchmarkRoundTrip measures what New's wrappers add per request on top of the base transport.
func BenchmarkRoundTrip(b *testing.B) {
	tokenFile := writeFile(b, b.TempDir(), "token", []byte("file-token"))
	// A file modified seconds ago: the steady state, where one stat per request suffices.
	old := time.Now().Add(-time.Minute)
	if err := os.Chtimes(tokenFile, old, old); err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name   string
		config Config
	}{
		{"bare", Config{}},
		{"user-agent", Config{UserAgent: "kubegen/bench"}},
		{"bearer", Config{UserAgent: "kubegen/bench", BearerToken: "token"}},
		{"bearer-file", Config{UserAgent: "kubegen/bench", BearerTokenFile: tokenFile}},
		{"impersonate", Config{UserAgent: "kubegen/bench", BearerToken: "token",
			Impersonate: ImpersonationConfig{UserName: "bob", Groups: []string{"a", "b"}}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			c.config.Transport = nopTransport{}
			rt, err := New(&c.config)
			if err != nil {
				b.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodGet, "https://server/api/v1/namespaces/default/configmaps/x", nil)
			req.Header.Set("Accept", "application/vnd.kubernetes.protobuf")
			if _, err := rt.RoundTrip(req); err != nil { // warm the token file cache
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := rt.RoundTrip(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRoundTripHTTP measures a whole GET over loopback HTTP/1.1 with bearer auth, for scale.
func BenchmarkRoundTripHTTP(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("{}"))
	}))
	defer srv.Close()
	rt, err := New(&Config{UserAgent: "kubegen/bench", BearerToken: "token"})
	if err != nil {
		b.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := rt.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
