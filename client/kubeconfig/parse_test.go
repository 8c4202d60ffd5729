package kubeconfig

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseErrorsNameFileAndKey(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"bad base64", "users:\n- name: a\n  user: {}\n- name: bob\n  user:\n    client-certificate-data: abcd!efg\n",
			`kubeconfig /x/config: users[1] "bob": client-certificate-data: illegal base64 data at input byte 4`},
		{"bad key base64", "users:\n- name: bob\n  user:\n    client-key-data: '%%%%'\n",
			`kubeconfig /x/config: users[0] "bob": client-key-data: illegal base64 data at input byte 0`},
		{"bad CA base64", "clusters:\n- name: c\n  cluster:\n    certificate-authority-data: 'a'\n",
			`kubeconfig /x/config: clusters[0] "c": certificate-authority-data: illegal base64 data at input byte 0`},
		{"wrong type nested", "users:\n- name: bob\n  user:\n    exec:\n      args: foo\n",
			`kubeconfig /x/config: users[0] "bob": exec.args: expected a list, got string`},
		{"wrong type bool", "clusters:\n- name: x\n  cluster:\n    insecure-skip-tls-verify: maybe\n",
			`kubeconfig /x/config: clusters[0] "x": insecure-skip-tls-verify: expected a boolean, got string`},
		{"body not a mapping", "users:\n- name: bob\n  user: 5\n",
			`kubeconfig /x/config: users[0] "bob": user: expected a mapping, got number`},
		{"list not a list", "clusters: 5\n", `kubeconfig /x/config: clusters: expected a list, got number`},
		{"context wrong type", "contexts:\n- name: c\n  context:\n    namespace: [a]\n",
			`kubeconfig /x/config: contexts[0] "c": namespace: expected a string, got array`},
		{"missing name", "clusters:\n- cluster:\n    server: x\n", `kubeconfig /x/config: clusters[0]: missing name`},
		{"duplicate name", "contexts:\n- name: a\n- name: b\n- name: a\n",
			`kubeconfig /x/config: contexts[2] "a": duplicate name (also contexts[0])`},
		{"yaml syntax with line", "clusters:\n- name: a\n  cluster: x: y\n",
			`kubeconfig /x/config: yaml: line 3: mapping values are not allowed in this context`},
		{"not a mapping", "hello", `kubeconfig /x/config: expected a mapping, got string`},
		{"current-context wrong type", "current-context: [a]\n",
			`kubeconfig /x/config: current-context: expected a string, got array`},
		{"preferences wrong type", "preferences:\n  colors: 3\n",
			`kubeconfig /x/config: preferences: colors: expected a boolean, got number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parse([]byte(tt.data), "/x/config")
			if err == nil {
				t.Fatalf("parse succeeded: %+v", cfg)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			var kerr *Error
			if !errors.As(err, &kerr) || kerr.File != "/x/config" {
				t.Errorf("error %#v is not a *Error naming the file", err)
			}
		})
	}
}

func TestParseIsLenientOnUnknownKeys(t *testing.T) {
	data := "apiVersion: v1\nkind: Config\nsurprise: 1\nclusters:\n- name: c\n  extra: x\n  cluster:\n    server: https://a\n    future-field: {x: 1}\n"
	cfg, err := Parse([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Cluster("c"); got == nil || got.Server != "https://a" {
		t.Errorf("cluster c = %+v", got)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, data := range []string{"", "\n", "# only a comment\n", "null"} {
		cfg, err := Parse([]byte(data))
		if err != nil {
			t.Errorf("Parse(%q): %v", data, err)
			continue
		}
		if len(cfg.Clusters)+len(cfg.AuthInfos)+len(cfg.Contexts) != 0 || cfg.CurrentContext != "" {
			t.Errorf("Parse(%q) = %+v, want empty", data, cfg)
		}
	}
}

func fullConfig() *Config {
	return &Config{
		APIVersion:  "v1",
		Kind:        "Config",
		Preferences: Preferences{Colors: true},
		Clusters: []NamedCluster{{Name: "prod", Cluster: Cluster{
			Server: "https://prod:6443", TLSServerName: "api.prod", CertificateAuthorityData: []byte("CA PEM"),
			ProxyURL: "socks5://proxy:1080", DisableCompression: true,
			Extensions: []NamedExtension{{Name: ExecExtensionName, Extension: []byte(`{"audience":"prod"}`)}},
		}}, {Name: "dev", Cluster: Cluster{Server: "https://dev", InsecureSkipTLSVerify: true, CertificateAuthority: "/ca.crt"}}},
		AuthInfos: []NamedAuthInfo{{Name: "admin", AuthInfo: AuthInfo{
			ClientCertificateData: []byte("CERT"), ClientKeyData: []byte("KEY"),
			Impersonate: "jane", ImpersonateUID: "42", ImpersonateGroups: []string{"g1", "g2"},
			ImpersonateUserExtra: map[string][]string{"scope": {"a", "b"}},
		}}, {Name: "plugin", AuthInfo: AuthInfo{Exec: &ExecConfig{
			Command: "/bin/plugin", Args: []string{"--x"}, Env: []ExecEnvVar{{Name: "K", Value: "V"}},
			APIVersion: "client.authentication.k8s.io/v1", InstallHint: "install it", ProvideClusterInfo: true,
			InteractiveMode: "Never",
		}}}, {Name: "basic", AuthInfo: AuthInfo{Username: "u", Password: "p", Token: "t", TokenFile: "/tok"}}},
		Contexts:       []NamedContext{{Name: "prod-admin", Context: Context{Cluster: "prod", AuthInfo: "admin", Namespace: "kube-system"}}},
		CurrentContext: "prod-admin",
		Extensions:     []NamedExtension{{Name: "ext", Extension: []byte(`{"a":[1,2]}`)}},
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	want := fullConfig()
	data, err := Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse(Marshal()): %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs:\n got %+v\nwant %+v\n%s", got, want, data)
	}
	for _, key := range []string{"apiVersion: v1", "kind: Config", "current-context: prod-admin", "users:", "certificate-authority-data: Q0EgUEVN"} {
		if !strings.Contains(string(data), key) {
			t.Errorf("marshalled config lacks %q:\n%s", key, data)
		}
	}
}

func TestWriteFileThenLoadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "config")
	want := fullConfig()
	if err := WriteFile(path, want); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	got, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cluster("prod").LocationOfOrigin != path || got.AuthInfo("admin").LocationOfOrigin != path ||
		got.Context("prod-admin").LocationOfOrigin != path {
		t.Errorf("LocationOfOrigin not recorded: %+v", got)
	}
	got.Clusters[0].Cluster.LocationOfOrigin, got.Clusters[1].Cluster.LocationOfOrigin = "", ""
	for i := range got.AuthInfos {
		got.AuthInfos[i].AuthInfo.LocationOfOrigin = ""
	}
	got.Contexts[0].Context.LocationOfOrigin = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("LoadFile(WriteFile()) differs:\n got %+v\nwant %+v", got, want)
	}
}
