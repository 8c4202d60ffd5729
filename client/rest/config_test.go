package rest

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/transport"
)

func secretConfig() *Config {
	return &Config{
		Host:            "https://example.com",
		BearerToken:     "token-s3cr3t",
		Username:        "admin",
		Password:        "passw0rd-s3cr3t",
		TLSClientConfig: transport.TLSConfig{KeyData: []byte("-----BEGIN KEY s3cr3t")},
		ExecProvider:    &transport.ExecConfig{Command: "plugin", Env: []transport.ExecEnvVar{{Name: "TOKEN", Value: "env-s3cr3t"}}},
	}
}

func TestConfigFormattingRedactsSecrets(t *testing.T) {
	c := secretConfig()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{c, *c} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, "s3cr3t") {
				t.Errorf("%s of %T leaks a secret: %s", verb, v, out)
			}
			if !strings.Contains(out, "admin") || !strings.Contains(out, "example.com") {
				t.Errorf("%s of %T lost non-secret fields: %s", verb, v, out)
			}
		}
	}
	if s := c.String() + c.GoString(); strings.Contains(s, "s3cr3t") {
		t.Errorf("String/GoString leak a secret: %s", s)
	}
	if c.BearerToken != "token-s3cr3t" {
		t.Errorf("formatting modified the config")
	}
}

func TestCopyConfigIsDeep(t *testing.T) {
	c := secretConfig()
	c.GroupVersion = &schema.GroupVersion{Group: "apps", Version: "v1"}
	c.Impersonate = transport.ImpersonationConfig{UserName: "u", Groups: []string{"g"}, Extra: map[string][]string{"k": {"v"}}}
	c.ExecProvider.Args = []string{"a"}
	c.ExecProvider.Cluster = &transport.ExecCluster{Server: "s", Config: []byte("{}")}
	cp := CopyConfig(c)
	if !reflect.DeepEqual(cp, c) {
		t.Fatalf("copy differs:\n%#v\n%#v", cp, c)
	}
	cp.GroupVersion.Group = "x"
	cp.Impersonate.Groups[0] = "x"
	cp.Impersonate.Extra["k"][0] = "x"
	cp.ExecProvider.Args[0] = "x"
	cp.ExecProvider.Env[0].Value = "x"
	cp.ExecProvider.Cluster.Config[0] = 'x'
	cp.TLSClientConfig.KeyData[0] = 'x'
	if c.GroupVersion.Group != "apps" || c.Impersonate.Groups[0] != "g" || c.Impersonate.Extra["k"][0] != "v" ||
		c.ExecProvider.Args[0] != "a" || c.ExecProvider.Env[0].Value != "env-s3cr3t" ||
		c.ExecProvider.Cluster.Config[0] != '{' || c.TLSClientConfig.KeyData[0] != '-' {
		t.Errorf("changing the copy changed the original: %#v", c)
	}
	if CopyConfig(nil) != nil {
		t.Errorf("CopyConfig(nil) != nil")
	}
}

func TestTransportConfig(t *testing.T) {
	c := secretConfig()
	c.ExecProvider.ProvideClusterInfo = true
	c.TLSClientConfig.CAData = []byte("ca")
	c.TLSClientConfig.ServerName = "kubernetes"
	tc := c.TransportConfig()
	if tc.BearerToken != c.BearerToken || tc.Username != "admin" || tc.Password != c.Password ||
		string(tc.TLS.KeyData) != string(c.TLSClientConfig.KeyData) || tc.Exec.Command != "plugin" {
		t.Errorf("credentials not carried over: %+v", tc)
	}
	if tc.UserAgent != DefaultUserAgent() {
		t.Errorf("UserAgent = %q, want the default", tc.UserAgent)
	}
	if cl := tc.Exec.Cluster; cl == nil || cl.Server != "https://example.com" || cl.TLSServerName != "kubernetes" ||
		string(cl.CertificateAuthorityData) != "ca" {
		t.Errorf("exec cluster info = %+v", tc.Exec.Cluster)
	}
	if c.ExecProvider.Cluster != nil {
		t.Errorf("TransportConfig modified the Config's ExecProvider")
	}
}

func TestHTTPClientForAuthenticates(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer t0ken" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_, _ = w.Write([]byte(r.UserAgent()))
	})
	cfg := &Config{Host: srv.URL, BearerToken: "t0ken", UserAgent: "tester/1"}
	h, err := HTTPClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := h.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d, want 200", resp.StatusCode)
	}
	cfg.GroupVersion = &schema.GroupVersion{Version: "v1"}
	cfg.NegotiatedSerializer = testCodecs.WithoutConversion()
	c, err := RESTClientForConfigAndClient(cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	body, err := c.Get().AbsPath("/").DoRaw(context.Background())
	if err != nil || string(body) != "tester/1" {
		t.Errorf("DoRaw = %q, %v; want the configured user agent echoed", body, err)
	}
}

func TestClientConstructionErrors(t *testing.T) {
	ok := testConfig("https://example.com", "")
	tests := []struct {
		name    string
		mutate  func(c *Config)
		wantErr string
	}{
		{"no group version", func(c *Config) { c.GroupVersion = nil }, "GroupVersion is required"},
		{"no serializer", func(c *Config) { c.NegotiatedSerializer = nil }, "NegotiatedSerializer is required"},
		{"no host", func(c *Config) { c.Host = "" }, "Host must be set"},
		{"bad scheme", func(c *Config) { c.Host = "ftp://example.com" }, "scheme must be http or https"},
		{"query in host", func(c *Config) { c.Host = "https://example.com/?a=b" }, "must not have a query"},
		{"unparsable host", func(c *Config) { c.Host = "https://exa mple.com:x" }, "invalid Host"},
		{"credentials in a bad host are hidden", func(c *Config) { c.Host = "ftp://admin:s3cr3t@example.com/x" },
			`invalid Host "ftp://admin:xxxxx@example.com/x"`},
		{"credentials in an unparsable host are hidden", func(c *Config) { c.Host = "https://admin:s3cr3t@exa mple.com" },
			`invalid Host "https://admin:xxxxx@exa mple.com"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CopyConfig(ok)
			tt.mutate(c)
			_, err := RESTClientFor(c)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error leaks a password: %v", err)
			}
		})
	}
}

func TestHostWithoutScheme(t *testing.T) {
	tests := []struct {
		name string
		tls  transport.TLSConfig
		want string
	}{
		{"plain", transport.TLSConfig{}, "http://example.com:8080/api/v1/pods"},
		{"with CA", transport.TLSConfig{CAData: []byte("x")}, "https://example.com:8080/api/v1/pods"},
		{"insecure", transport.TLSConfig{Insecure: true}, "https://example.com:8080/api/v1/pods"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig("example.com:8080", "")
			cfg.TLSClientConfig = tt.tls
			u, err := baseURL(cfg)
			if err != nil {
				t.Fatal(err)
			}
			c := &RESTClient{base: *u, versionPath: versionedPath(u.Path, "/api", schema.GroupVersion{Version: "v1"})}
			if got := newRequest(c, "GET").Resource("pods").URL().String(); got != tt.want {
				t.Errorf("URL = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestUnversionedClientDecodesMetaKinds(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}`))
	})
	c, err := UnversionedRESTClientFor(&Config{Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	var v metav1.APIVersions
	if err := c.Get().AbsPath("/api").Do(context.Background()).Into(&v); err != nil {
		t.Fatal(err)
	}
	if len(v.Versions) != 1 || v.Versions[0] != "v1" {
		t.Errorf("versions = %v", v.Versions)
	}
	if _, err := c.Get().AbsPath("/missing").DoRaw(context.Background()); err == nil {
		t.Errorf("missing path gave no error")
	}
}
