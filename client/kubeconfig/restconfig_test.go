package kubeconfig

import (
	"encoding/base64"
	"errors"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kubegen/kubegen/client/rest"
)

// Test TLS material: a self-signed certificate (also used as the CA) and its key, valid until 2126.
const (
	testCertFile = "testdata/tls/cert.pem"
	testKeyFile  = "testdata/tls/key.pem"
)

var testCert, testKey = mustRead(testCertFile), mustRead(testKeyFile)

func mustRead(path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return b
}

// baseConfig has two clusters, two users and two contexts; "dev" is current. Its certificate data and
// files are real, since RESTConfig checks them.
var baseConfig = strings.NewReplacer("CERT_DATA", base64.StdEncoding.EncodeToString(testCert),
	"KEY_DATA", base64.StdEncoding.EncodeToString(testKey), "CERT_FILE", testCertFile).Replace(`
current-context: dev
clusters:
- name: dev
  cluster:
    server: https://dev:6443
    certificate-authority-data: CERT_DATA
    tls-server-name: dev.internal
- name: prod
  cluster:
    server: https://prod:6443
    certificate-authority: CERT_FILE
    proxy-url: socks5://proxy:1080
    disable-compression: true
users:
- name: dev-user
  user:
    client-certificate-data: CERT_DATA
    client-key-data: KEY_DATA
    as: jane
    as-uid: "7"
    as-groups: [devs]
    as-user-extra:
      scopes: [a, b]
- name: prod-user
  user:
    tokenFile: /var/token
contexts:
- name: dev
  context: {cluster: dev, user: dev-user, namespace: dev-ns}
- name: prod
  context: {cluster: prod, user: prod-user}
`)

func TestRESTConfigWithOverrides(t *testing.T) {
	tests := []struct {
		name      string
		overrides Overrides
		check     func(t *testing.T, rc *rest.Config)
	}{
		{"current context", Overrides{}, func(t *testing.T, rc *rest.Config) {
			want := rest.Config{Host: "https://dev:6443"}
			want.TLSClientConfig.CAData, want.TLSClientConfig.ServerName = testCert, "dev.internal"
			want.TLSClientConfig.CertData, want.TLSClientConfig.KeyData = testCert, testKey
			want.Impersonate.UserName, want.Impersonate.UID, want.Impersonate.Groups = "jane", "7", []string{"devs"}
			want.Impersonate.Extra = map[string][]string{"scopes": {"a", "b"}}
			if !reflect.DeepEqual(*rc, want) {
				t.Errorf("got  %+v\nwant %+v", *rc, want)
			}
		}},
		{"context override", Overrides{Context: "prod"}, func(t *testing.T, rc *rest.Config) {
			if rc.Host != "https://prod:6443" || rc.BearerTokenFile != "/var/token" || rc.TLSClientConfig.CAFile != testCertFile || !rc.DisableCompression {
				t.Errorf("got %+v", rc)
			}
			req, _ := http.NewRequest("GET", rc.Host, nil)
			if u, err := rc.Proxy(req); err != nil || u.String() != "socks5://proxy:1080" {
				t.Errorf("proxy = %v, %v", u, err)
			}
		}},
		{"cluster and user overrides", Overrides{Cluster: "prod", AuthInfo: "prod-user"}, func(t *testing.T, rc *rest.Config) {
			if rc.Host != "https://prod:6443" || rc.BearerTokenFile != "/var/token" || rc.TLSClientConfig.CertData != nil {
				t.Errorf("got %+v", rc)
			}
		}},
		{"server override drops tls-server-name", Overrides{Server: "https://other:443"}, func(t *testing.T, rc *rest.Config) {
			if rc.Host != "https://other:443" || rc.TLSClientConfig.ServerName != "" {
				t.Errorf("host %q server name %q", rc.Host, rc.TLSClientConfig.ServerName)
			}
		}},
		{"server and tls-server-name overrides", Overrides{Server: "https://other", TLSServerName: "name"}, func(t *testing.T, rc *rest.Config) {
			if rc.TLSClientConfig.ServerName != "name" {
				t.Errorf("server name %q", rc.TLSClientConfig.ServerName)
			}
		}},
		{"insecure drops CA", Overrides{InsecureSkipTLSVerify: true}, func(t *testing.T, rc *rest.Config) {
			if !rc.TLSClientConfig.Insecure || rc.TLSClientConfig.CAData != nil || rc.TLSClientConfig.CAFile != "" {
				t.Errorf("tls %+v", rc.TLSClientConfig)
			}
		}},
		{"CA file replaces CA data", Overrides{CertificateAuthority: testCertFile}, func(t *testing.T, rc *rest.Config) {
			if rc.TLSClientConfig.CAFile != testCertFile || rc.TLSClientConfig.CAData != nil {
				t.Errorf("tls %+v", rc.TLSClientConfig)
			}
		}},
		{"client cert files replace data", Overrides{ClientCertificate: testCertFile, ClientKey: testKeyFile}, func(t *testing.T, rc *rest.Config) {
			tc := rc.TLSClientConfig
			if tc.CertFile != testCertFile || tc.KeyFile != testKeyFile || tc.CertData != nil || tc.KeyData != nil {
				t.Errorf("tls %+v", tc)
			}
		}},
		{"token replaces token file", Overrides{Context: "prod", Token: "tok"}, func(t *testing.T, rc *rest.Config) {
			if rc.BearerToken != "tok" || rc.BearerTokenFile != "" {
				t.Errorf("token %v file %q", rc.BearerToken == "tok", rc.BearerTokenFile)
			}
		}},
		{"basic auth replaces token", Overrides{Context: "prod", Username: "u", Password: "p"}, func(t *testing.T, rc *rest.Config) {
			if rc.Username != "u" || rc.Password != "p" || rc.BearerTokenFile != "" {
				t.Errorf("got %+v", rc)
			}
		}},
		{"impersonation", Overrides{Impersonate: "bob", ImpersonateUID: "9", ImpersonateGroups: []string{"g1", "g2"}}, func(t *testing.T, rc *rest.Config) {
			im := rc.Impersonate
			if im.UserName != "bob" || im.UID != "9" || !reflect.DeepEqual(im.Groups, []string{"g1", "g2"}) {
				t.Errorf("impersonate %+v", im)
			}
		}},
		{"timeout and compression", Overrides{Timeout: 3 * time.Second, DisableCompression: true}, func(t *testing.T, rc *rest.Config) {
			if rc.Timeout != 3*time.Second || !rc.DisableCompression {
				t.Errorf("timeout %v compression off %v", rc.Timeout, rc.DisableCompression)
			}
		}},
	}
	cfg, err := Parse([]byte(baseConfig))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, err := NewClientConfig(cfg, tt.overrides).RESTConfig()
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, rc)
		})
	}
}

func TestRESTConfigDoesNotAliasTheKubeconfig(t *testing.T) {
	cfg, err := Parse([]byte(baseConfig))
	if err != nil {
		t.Fatal(err)
	}
	cc := NewClientConfig(cfg, Overrides{})
	rc, err := cc.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	rc.Impersonate.Groups[0] = "changed"
	rc.Impersonate.Extra["scopes"][0] = "changed"
	if u := cfg.AuthInfo("dev-user"); u.ImpersonateGroups[0] != "devs" || u.ImpersonateUserExtra["scopes"][0] != "a" {
		t.Errorf("modifying the rest.Config changed the kubeconfig: %+v", u)
	}
}

func TestNamespace(t *testing.T) {
	cfg, err := Parse([]byte(baseConfig))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		overrides      Overrides
		want           string
		wantOverridden bool
	}{
		{"context namespace", Overrides{}, "dev-ns", false},
		{"context without namespace", Overrides{Context: "prod"}, "default", false},
		{"override", Overrides{Namespace: "mine"}, "mine", true},
	}
	for _, tt := range tests {
		ns, overridden, err := NewClientConfig(cfg, tt.overrides).Namespace()
		if err != nil || ns != tt.want || overridden != tt.wantOverridden {
			t.Errorf("%s: Namespace() = %q, %v, %v; want %q, %v", tt.name, ns, overridden, err, tt.want, tt.wantOverridden)
		}
	}
}

func TestRESTConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		overrides Overrides
		want      string
		is        error
	}{
		{"unknown context override", baseConfig, Overrides{Context: "nope"},
			`kubeconfig: context "nope" (from overrides) not found in files FILE`, ErrNotFound},
		{"unknown current-context", "current-context: gone\n", Overrides{},
			`kubeconfig FILE: current-context: context "gone" not found`, ErrNotFound},
		{"unknown cluster in context", "current-context: c\ncontexts:\n- name: c\n  context: {cluster: lost, user: u}\n", Overrides{},
			`kubeconfig FILE: contexts "c": cluster: cluster "lost" not found in files FILE`, ErrNotFound},
		{"unknown user in context", "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://k}\ncontexts:\n- name: c\n  context: {cluster: k, user: ghost}\n", Overrides{},
			`kubeconfig FILE: contexts "c": user: user "ghost" not found in files FILE`, ErrNotFound},
		{"unknown user override", baseConfig, Overrides{AuthInfo: "ghost"},
			`kubeconfig: user "ghost" (from overrides) not found in files FILE`, ErrNotFound},
		{"no context and no server", "clusters: []\n", Overrides{},
			`kubeconfig: no context selected (current-context is empty) and no server given`, nil},
		{"cluster without server", "current-context: c\nclusters:\n- name: k\n  cluster: {}\ncontexts:\n- name: c\n  context: {cluster: k}\n", Overrides{},
			`kubeconfig FILE: clusters "k": server: missing`, nil},
		{"bad server scheme", "", Overrides{Server: "ftp://x"},
			`kubeconfig: overrides: server: scheme "ftp" is not http or https`, nil},
		{"bad proxy scheme", "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://k, proxy-url: 'ftp://user:secret@p'}\ncontexts:\n- name: c\n  context: {cluster: k}\n", Overrides{},
			`kubeconfig FILE: clusters "k": proxy-url: scheme "ftp" is not http, https or socks5`, nil},
		{"insecure with CA", "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://k, insecure-skip-tls-verify: true, certificate-authority: ca}\ncontexts:\n- name: c\n  context: {cluster: k}\n", Overrides{},
			`kubeconfig FILE: clusters "k": insecure-skip-tls-verify: cannot be combined with certificate-authority(-data)`, nil},
		{"auth-provider", "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://k}\nusers:\n- name: g\n  user:\n    auth-provider: {name: gcp, config: {access-token: SECRET}}\ncontexts:\n- name: c\n  context: {cluster: k, user: g}\n", Overrides{},
			`kubeconfig FILE: users "g": auth-provider: "gcp" is not supported by kubegen; use an exec credential plugin instead`, ErrUnsupported},
		{"token and basic", "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://k}\nusers:\n- name: u\n  user: {token: SECRET, username: a, password: SECRET}\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n", Overrides{},
			`kubeconfig FILE: users "u": more than one authentication method (token and username/password); only one is allowed`, nil},
		{"cert without key", "current-context: c\nclusters:\n- name: k\n  cluster: {server: https://k}\nusers:\n- name: u\n  user: {client-certificate: c.crt}\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n", Overrides{},
			`kubeconfig FILE: users "u": client-certificate: given without client-key`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "config", tt.file)
			_, err := LoadOptions{ExplicitPath: path, Overrides: tt.overrides}.RESTConfig()
			if err == nil {
				t.Fatal("no error")
			}
			want := strings.ReplaceAll(tt.want, "FILE", path)
			if err.Error() != want {
				t.Errorf("error:\n got %s\nwant %s", err, want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "secret") {
				t.Errorf("error leaks a secret: %s", err)
			}
		})
	}
}
