package kubeconfig

import (
	"os"
	"path/filepath"
	"testing"
)

// writeFile writes data to dir/name (creating parents) and returns the path.
func writeFile(t testing.TB, dir, name, data string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// env returns a LookupEnv function over a fixed map.
func env(vars map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	}
}

// kubeconfigYAML is a kubeconfig with one context "NAME" whose cluster and user are named NAME too.
func kubeconfigYAML(name, server string) string {
	return "clusters:\n- name: " + name + "\n  cluster:\n    server: " + server +
		"\nusers:\n- name: " + name + "\n  user:\n    token: tok-" + name +
		"\ncontexts:\n- name: " + name + "\n  context:\n    cluster: " + name + "\n    user: " + name +
		"\n    namespace: ns-" + name + "\n"
}
