package kubeconfig

import (
	"path/filepath"
	"testing"
)

func TestLoadFileResolvesRelativePaths(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "conf/kubeconfig", `
clusters:
- name: rel
  cluster:
    server: https://x
    certificate-authority: ca.crt
- name: abs
  cluster:
    server: https://x
    certificate-authority: /etc/ca.crt
users:
- name: rel
  user:
    client-certificate: certs/me.crt
    client-key: ../keys/me.key
    tokenFile: token
    exec:
      command: ./bin/plugin
      apiVersion: client.authentication.k8s.io/v1
- name: path-lookup
  user:
    exec:
      command: aws
      apiVersion: client.authentication.k8s.io/v1
`)
	cfg, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "conf")
	tests := []struct{ name, got, want string }{
		{"relative CA", cfg.Cluster("rel").CertificateAuthority, filepath.Join(base, "ca.crt")},
		{"absolute CA untouched", cfg.Cluster("abs").CertificateAuthority, "/etc/ca.crt"},
		{"client certificate", cfg.AuthInfo("rel").ClientCertificate, filepath.Join(base, "certs/me.crt")},
		{"client key with ..", cfg.AuthInfo("rel").ClientKey, filepath.Join(dir, "keys/me.key")},
		{"token file", cfg.AuthInfo("rel").TokenFile, filepath.Join(base, "token")},
		{"exec command with slash", cfg.AuthInfo("rel").Exec.Command, filepath.Join(base, "bin/plugin")},
		{"bare exec command left for PATH", cfg.AuthInfo("path-lookup").Exec.Command, "aws"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestLoadFileRelativeToEachFileWhenMerged(t *testing.T) {
	root := t.TempDir()
	a := writeFile(t, root, "a/config", "clusters:\n- name: a\n  cluster: {server: https://a, certificate-authority: ca.crt}\n")
	b := writeFile(t, root, "b/config", "clusters:\n- name: b\n  cluster: {server: https://b, certificate-authority: ca.crt}\n")
	cc, err := Load(LoadOptions{Paths: []string{a, b}})
	if err != nil {
		t.Fatal(err)
	}
	raw := cc.RawConfig()
	if got, want := raw.Cluster("a").CertificateAuthority, filepath.Join(root, "a/ca.crt"); got != want {
		t.Errorf("a: %q, want %q", got, want)
	}
	if got, want := raw.Cluster("b").CertificateAuthority, filepath.Join(root, "b/ca.crt"); got != want {
		t.Errorf("b: %q, want %q", got, want)
	}
}
