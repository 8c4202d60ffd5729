package transport

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestConfigFormatRedactsSecrets(t *testing.T) {
	c := Config{
		UserAgent:   "agent",
		Username:    "alice",
		Password:    "pw-SECRET",
		BearerToken: "token-SECRET",
		TLS: TLSConfig{
			ServerName: "kubernetes",
			CAData:     []byte("ca-public"),
			CertData:   []byte("cert-SECRET"),
			KeyData:    []byte("key-SECRET"),
			KeyFile:    "/etc/key.pem",
		},
		Exec: &ExecConfig{
			Command: "plugin",
			Env:     []ExecEnvVar{{Name: "API_KEY", Value: "env-SECRET"}},
			Cluster: &ExecCluster{Server: "https://x", Config: []byte(`{"k":"cfg-SECRET"}`)},
		},
		Proxy:     http.ProxyFromEnvironment,
		Transport: http.DefaultTransport,
	}
	values := map[string]any{"value": c, "pointer": &c}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for kind, v := range values {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, "SECRET") || strings.Contains(out, hexOf("SECRET")) {
				t.Errorf("%s of %s leaks a secret: %s", verb, kind, out)
			}
		}
	}
	for name, out := range map[string]string{
		"String": c.String(), "GoString": c.GoString(), "TLS": fmt.Sprint(c.TLS), "Exec": fmt.Sprint(c.Exec),
		"Env": fmt.Sprintf("%+v", c.Exec.Env), "EnvGo": fmt.Sprintf("%#v", c.Exec.Env[0]),
	} {
		if strings.Contains(out, "SECRET") {
			t.Errorf("%s leaks a secret: %s", name, out)
		}
	}
	// The rest is still there, so the output stays useful.
	out := fmt.Sprintf("%+v", &c)
	for _, want := range []string{"UserAgent:agent", "Username:alice", "Password:" + redacted, "ServerName:kubernetes",
		"KeyFile:/etc/key.pem", "CAData:<9 bytes>", "Name:API_KEY", "Command:plugin", "Proxy:<func>", "Transport:<*http.Transport>"} {
		if !strings.Contains(out, want) {
			t.Errorf("%%+v output lacks %q: %s", want, out)
		}
	}
	if out := fmt.Sprintf("%+v", Config{}); strings.Contains(out, redacted) {
		t.Errorf("empty secrets shown as redacted: %s", out)
	}
}

func hexOf(s string) string { return fmt.Sprintf("%x", s) }

func TestRoundTripperFormatHidesToken(t *testing.T) {
	for _, c := range []Config{{BearerToken: "token-SECRET"}, {Username: "u", Password: "pw-SECRET"}} {
		rt, err := New(&c)
		if err != nil {
			t.Fatal(err)
		}
		for _, verb := range []string{"%v", "%+v", "%#v"} {
			if out := fmt.Sprintf(verb, rt); strings.Contains(out, "SECRET") || strings.Contains(out, base64.StdEncoding.EncodeToString([]byte("u:pw-SECRET"))) {
				t.Errorf("%s of the round tripper leaks a secret: %s", verb, out)
			}
		}
	}
}

// Credentials held inside the transport print no token or key with any verb (issue 10 item 4).
func TestIssue10_CredentialsFormatWithoutSecrets(t *testing.T) {
	cred := bearer("token-SECRET")
	values := []any{cred, &execCredential{cred: cred}, execStatus{Token: "token-SECRET", ClientKeyData: "key-SECRET"},
		ExecCluster{Server: "https://u:pw-SECRET@k", Config: []byte("cfg-SECRET")}}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, "SECRET") || strings.Contains(out, hexOf("SECRET")) {
				t.Errorf("%s of %T leaks a secret: %s", verb, v, out)
			}
		}
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://k:6443":                "https://k:6443",
		"https://admin:pw@k:6443/p?q=1": "https://admin:xxxxx@k:6443/p?q=1",
		"https://tok@k":                 "https://xxxxx@k",
		"admin:pw@k:6443":               "admin:xxxxx@k:6443",
		"https://a:pw@exa mple.com":     "https://a:xxxxx@exa mple.com",
		"http://p:pw@proxy/x@y":         "http://p:xxxxx@proxy/x@y",
		"":                              "",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
