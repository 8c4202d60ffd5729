package rest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kubegen/kubegen/client/transport"
)

// TestIssue10_CredentialsNeverInClearText (issue 10 item 2): a hand-built Config with credentials and
// a plain-HTTP host that is not loopback is refused with ErrCleartextCredentials before anything is
// sent; loopback (local test servers) and https are allowed.
func TestIssue10_CredentialsNeverInClearText(t *testing.T) {
	var requests, withAuth atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.Header.Get("Authorization") != "" {
			withAuth.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"kind":"Status","apiVersion":"v1","status":"Success"}`))
	}))
	defer srv.Close()
	// dial sends every connection to the recording server, whatever host the URL names.
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
	}
	creds := map[string]func(*Config){
		"token":      func(c *Config) { c.BearerToken = "s3cr3t" },
		"token file": func(c *Config) { c.BearerTokenFile = "/nonexistent/token" },
		"basic":      func(c *Config) { c.Username, c.Password = "admin", "s3cr3t" },
		"exec": func(c *Config) {
			c.ExecProvider = &transport.ExecConfig{Command: "/bin/false", APIVersion: "client.authentication.k8s.io/v1"}
		},
	}
	for name, set := range creds {
		for _, host := range []string{"http://api.example.test", "api.example.test:8080", "http://10.1.2.3:80/prefix"} {
			t.Run(name+" "+host, func(t *testing.T) {
				requests.Store(0)
				withAuth.Store(0)
				c := testConfig(host, "")
				c.Dial = dial
				set(c)
				client, err := RESTClientFor(c)
				if err == nil {
					_ = client.Get().AbsPath("/version").Do(context.Background()).Error()
					t.Fatalf("RESTClientFor succeeded; %d requests sent, %d with Authorization", requests.Load(), withAuth.Load())
				}
				if !errors.Is(err, ErrCleartextCredentials) {
					t.Fatalf("RESTClientFor: err = %v, want ErrCleartextCredentials", err)
				}
				if strings.Contains(err.Error(), "s3cr3t") {
					t.Errorf("error shows the secret: %v", err)
				}
				if _, err := HTTPClientFor(c); !errors.Is(err, ErrCleartextCredentials) {
					t.Errorf("HTTPClientFor: err = %v, want ErrCleartextCredentials", err)
				}
				if _, err := UnversionedRESTClientFor(c); !errors.Is(err, ErrCleartextCredentials) {
					t.Errorf("UnversionedRESTClientFor: err = %v, want ErrCleartextCredentials", err)
				}
				if n := requests.Load(); n != 0 {
					t.Errorf("%d requests reached the plain-HTTP server", n)
				}
			})
		}
	}
	t.Run("loopback is allowed", func(t *testing.T) {
		for _, host := range []string{srv.URL, "http://localhost:1", "http://[::1]:1"} {
			c := testConfig(host, "")
			c.Dial, c.BearerToken = dial, "local"
			client, err := RESTClientFor(c)
			if err != nil {
				t.Fatalf("%s: %v", host, err)
			}
			withAuth.Store(0)
			_ = client.Get().AbsPath("/version").Do(context.Background()).Error()
			if withAuth.Load() != 1 {
				t.Errorf("%s: the loopback server did not get the token", host)
			}
		}
	})
	t.Run("https and no credentials are allowed", func(t *testing.T) {
		c := testConfig("https://api.example.test", "")
		c.BearerToken = "s3cr3t"
		if _, err := RESTClientFor(c); err != nil {
			t.Errorf("https: %v", err)
		}
		if _, err := RESTClientFor(testConfig("http://api.example.test", "")); err != nil {
			t.Errorf("http without credentials: %v", err)
		}
	})
}
