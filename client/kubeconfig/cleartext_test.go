package kubeconfig

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
)

// headerRecorder is a plain-HTTP API server that records the headers of every request it receives.
type headerRecorder struct {
	*httptest.Server
	mu      sync.Mutex
	headers []http.Header
}

func newHeaderRecorder(t *testing.T) *headerRecorder {
	h := &headerRecorder{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.headers = append(h.headers, r.Header.Clone())
		h.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"kind":"Status","apiVersion":"v1","status":"Success"}`))
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *headerRecorder) reset() {
	h.mu.Lock()
	h.headers = nil
	h.mu.Unlock()
}

// authorizations returns the Authorization headers received so far.
func (h *headerRecorder) authorizations() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, hd := range h.headers {
		if v := hd.Get("Authorization"); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// send builds a client for rc and sends one GET through it.
func send(t *testing.T, rc *rest.Config) {
	t.Helper()
	c := rest.CopyConfig(rc)
	c.GroupVersion, c.APIPath = &corev1.SchemeGroupVersion, "/api"
	c.NegotiatedSerializer = serializer.NewCodecFactory(nil).WithoutConversion()
	rc2, err := rest.RESTClientFor(c)
	if err != nil {
		t.Fatalf("RESTClientFor: %v", err)
	}
	_ = rc2.Get().AbsPath("/version").Do(context.Background()).Error()
}

// TestIssue10_CredentialsNeverInClearText (issue 10 item 2): as clientcmd does, a kubeconfig user's
// credentials are applied only when the server is reached over https, so nothing secret reaches a
// plain-HTTP server; a server without a scheme is https only when TLS settings are present.
func TestIssue10_CredentialsNeverInClearText(t *testing.T) {
	srv := newHeaderRecorder(t)
	hostPort := strings.TrimPrefix(srv.URL, "http://")
	users := map[string]string{
		"token":     "token: s3cr3t-token",
		"basic":     "username: admin\n    password: s3cr3t-pass",
		"exec":      "exec:\n      command: /bin/false\n      apiVersion: client.authentication.k8s.io/v1beta1",
		"tokenFile": "tokenFile: " + writeFile(t, t.TempDir(), "token", "s3cr3t-file-token"),
	}
	for _, server := range []string{srv.URL, hostPort} {
		for name, user := range users {
			t.Run(name+" "+server, func(t *testing.T) {
				srv.reset()
				cfg := "clusters:\n- name: c\n  cluster:\n    server: " + server +
					"\nusers:\n- name: u\n  user:\n    " + user +
					"\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"
				rc := restConfigFor(t, cfg, Overrides{})
				if rc.BearerToken != "" || rc.BearerTokenFile != "" || rc.Username != "" || rc.Password != "" || rc.ExecProvider != nil {
					t.Errorf("credentials applied for an http server: %+v", rc)
				}
				send(t, rc)
				if got := srv.authorizations(); len(got) > 0 {
					t.Errorf("plain-HTTP server received Authorization %q", got)
				}
			})
		}
	}
	t.Run("token override", func(t *testing.T) {
		srv.reset()
		rc := restConfigFor(t, kubeconfigYAML("a", srv.URL), Overrides{Token: "s3cr3t-override"})
		send(t, rc)
		if got := srv.authorizations(); len(got) > 0 {
			t.Errorf("plain-HTTP server received Authorization %q", got)
		}
	})
	t.Run("no scheme with TLS settings is https with credentials", func(t *testing.T) {
		cfg := "clusters:\n- name: c\n  cluster:\n    server: api.example:6443\n    insecure-skip-tls-verify: true" +
			"\nusers:\n- name: u\n  user:\n    token: tok\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"
		rc := restConfigFor(t, cfg, Overrides{})
		if rc.BearerToken != "tok" || !rc.TLSClientConfig.Insecure {
			t.Errorf("credentials or TLS settings dropped for an https server: %+v", rc)
		}
		c := rest.CopyConfig(rc)
		c.GroupVersion, c.NegotiatedSerializer = &corev1.SchemeGroupVersion, serializer.NewCodecFactory(nil).WithoutConversion()
		client, err := rest.RESTClientFor(c)
		if err != nil {
			t.Fatal(err)
		}
		if u := client.Get().URL(); u.Scheme != "https" {
			t.Errorf("scheme = %q, want https", u.Scheme)
		}
	})
	t.Run("https keeps credentials", func(t *testing.T) {
		rc := restConfigFor(t, kubeconfigYAML("a", "https://api.example:6443"), Overrides{})
		if rc.BearerToken != "tok-a" {
			t.Errorf("token dropped for an https server: %+v", rc)
		}
	})
}

func restConfigFor(t *testing.T, data string, o Overrides) *rest.Config {
	t.Helper()
	cfg, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if o.Context == "" && cfg.CurrentContext == "" {
		o.Context = cfg.Contexts[0].Name
	}
	rc, err := NewClientConfig(cfg, o).RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	return rc
}
