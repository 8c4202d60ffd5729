package kubeconfig

import (
	"fmt"
	"strings"
	"testing"
)

// secrets are values that must never appear in formatted output.
var secrets = []string{"TOKEN-SECRET", "PASSWORD-SECRET", "KEY-SECRET", "ENV-SECRET", "ARG-SECRET", "PROVIDER-SECRET"}

func secretConfig() *Config {
	return &Config{
		CurrentContext: "c",
		Clusters:       []NamedCluster{{Name: "k", Cluster: Cluster{Server: "https://k"}}},
		AuthInfos: []NamedAuthInfo{
			{Name: "u", AuthInfo: AuthInfo{Token: "TOKEN-SECRET", ClientKeyData: []byte("KEY-SECRET"), ClientCertificate: "/c", ClientKey: "/k"}},
			{Name: "b", AuthInfo: AuthInfo{Username: "bob", Password: "PASSWORD-SECRET"}},
			{Name: "e", AuthInfo: AuthInfo{Exec: &ExecConfig{Command: "plugin", Args: []string{"--token=ARG-SECRET"},
				Env: []ExecEnvVar{{Name: "API_KEY", Value: "ENV-SECRET"}}, APIVersion: execV1, InteractiveMode: "Never"}}},
			{Name: "p", AuthInfo: AuthInfo{AuthProvider: &AuthProviderConfig{Name: "oidc", Config: map[string]string{"id-token": "PROVIDER-SECRET"}}}},
		},
		Contexts: []NamedContext{{Name: "c", Context: Context{Cluster: "k", AuthInfo: "u"}}},
	}
}

func TestFormattingNeverShowsSecrets(t *testing.T) {
	cfg := secretConfig()
	cc := NewClientConfig(cfg, Overrides{Token: "TOKEN-SECRET", Password: "PASSWORD-SECRET"})
	values := map[string]any{
		"Config": *cfg, "*Config": cfg, "AuthInfo": cfg.AuthInfos[0].AuthInfo, "*AuthInfo": cfg.AuthInfo("u"),
		"ExecConfig": *cfg.AuthInfo("e").Exec, "ExecEnvVar": cfg.AuthInfo("e").Exec.Env[0],
		"AuthProviderConfig": *cfg.AuthInfo("p").AuthProvider, "*ClientConfig": cc, "ClientConfig": *cc,
		"LoadOptions": LoadOptions{Overrides: Overrides{Token: "TOKEN-SECRET", Password: "PASSWORD-SECRET"}},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			out := fmt.Sprintf(verb, v)
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("%s formatted with %s shows %s: %s", name, verb, s, out)
				}
			}
		}
	}
	// The redacted output still says what is configured.
	if out := fmt.Sprint(cfg.AuthInfos[0].AuthInfo); !strings.Contains(out, "token: <redacted>") || !strings.Contains(out, "client-key: /k") {
		t.Errorf("AuthInfo.String() = %s", out)
	}
}

func TestErrorsNeverShowSecrets(t *testing.T) {
	bad := []string{
		"users:\n- name: u\n  user:\n    token: [TOKEN-SECRET]\n",
		"users:\n- name: u\n  user:\n    client-key-data: KEY-SECRET!\n",
		"users:\n- name: u\n  user:\n    password: {PASSWORD-SECRET: 1}\n",
		"clusters:\n- name: k\n  cluster:\n    proxy-url: 'http://u:PASSWORD-SECRET@%zz'\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n",
		"clusters:\n- name: k\n  cluster:\n    server: 'https://u:PASSWORD-SECRET@%zz'\ncurrent-context: c\ncontexts:\n- name: c\n  context: {cluster: k}\n",
	}
	for _, data := range bad {
		cfg, err := Parse([]byte(data))
		if err == nil {
			_, err = NewClientConfig(cfg, Overrides{}).RESTConfig()
		}
		if err == nil {
			t.Errorf("no error for %q", data)
			continue
		}
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Errorf("error shows %s: %v", s, err)
			}
		}
	}
}

func TestClientConfigString(t *testing.T) {
	cc := NewClientConfig(secretConfig(), Overrides{Namespace: "x"})
	want := `files=[] context="c" cluster="k" user="u" server="https://k"`
	if got := cc.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}
