package kubeconfig

import (
	"path/filepath"
	"testing"
)

func TestConfigFromFlags(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "config", kubeconfigYAML("a", "https://from-file")+"current-context: a\n")
	envFile := writeFile(t, dir, "env-config", kubeconfigYAML("e", "https://from-env")+"current-context: e\n")
	t.Setenv(EnvVar, envFile)
	tests := []struct {
		name, master, path, wantHost string
	}{
		{"path only", "", path, "https://from-file"},
		{"master overrides the file's server", "https://master:1", path, "https://master:1"},
		{"neither: default chain", "", "", "https://from-env"},
		{"master only: default chain with server override", "https://m", "", "https://m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, err := ConfigFromFlags(tt.master, tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if rc.Host != tt.wantHost {
				t.Errorf("Host = %q, want %q", rc.Host, tt.wantHost)
			}
		})
	}
	if _, err := ConfigFromFlags("", filepath.Join(dir, "missing")); err == nil {
		t.Error("ConfigFromFlags with a missing kubeconfig succeeded")
	}
}

func TestRESTConfigFollowsKUBECONFIG(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a", kubeconfigYAML("a", "https://a"))
	b := writeFile(t, dir, "b", kubeconfigYAML("b", "https://b")+"current-context: b\n")
	t.Setenv(EnvVar, a+string(filepath.ListSeparator)+b)
	rc, err := RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.Host != "https://b" || rc.BearerToken != "tok-b" {
		t.Errorf("Host = %q", rc.Host)
	}
}
