package kubeconfig

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serviceAccountDir creates a service-account directory with a token, a CA and a namespace file
// (omitted when namespace is empty).
func serviceAccountDir(t *testing.T, token, namespace string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "token", token)
	writeFile(t, dir, "ca.crt", string(testCert))
	if namespace != "" {
		writeFile(t, dir, "namespace", namespace+"\n")
	}
	return dir
}

func TestInClusterConfigFrom(t *testing.T) {
	tests := []struct {
		name, host, port, wantHost string
	}{
		{"IPv4", "10.96.0.1", "443", "https://10.96.0.1:443"},
		{"IPv6 bracketed", "fd00::1", "6443", "https://[fd00::1]:6443"},
		{"DNS name", "kubernetes.default.svc", "443", "https://kubernetes.default.svc:443"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := serviceAccountDir(t, "sa-token", "ns1")
			t.Setenv("KUBERNETES_SERVICE_HOST", tt.host)
			t.Setenv("KUBERNETES_SERVICE_PORT", tt.port)
			rc, err := InClusterConfigFrom(dir)
			if err != nil {
				t.Fatal(err)
			}
			if rc.Host != tt.wantHost {
				t.Errorf("Host = %q, want %q", rc.Host, tt.wantHost)
			}
			if rc.BearerTokenFile != filepath.Join(dir, "token") {
				t.Errorf("BearerTokenFile = %q", rc.BearerTokenFile)
			}
			if rc.BearerToken != "" {
				t.Error("the token was copied inline; it must be read from the file so rotation works")
			}
			if rc.TLSClientConfig.CAFile != filepath.Join(dir, "ca.crt") {
				t.Errorf("CAFile = %q", rc.TLSClientConfig.CAFile)
			}
		})
	}
}

func TestInClusterErrors(t *testing.T) {
	tests := []struct {
		name          string
		host, port    string
		token         *string
		wantNotInClus bool
		wantSubstr    string
	}{
		{name: "no env", wantNotInClus: true, wantSubstr: "KUBERNETES_SERVICE_HOST"},
		{name: "host only", host: "10.0.0.1", wantNotInClus: true, wantSubstr: "KUBERNETES_SERVICE_PORT"},
		{name: "token missing", host: "10.0.0.1", port: "443", wantSubstr: "token: open"},
		{name: "token empty", host: "10.0.0.1", port: "443", token: new(string), wantSubstr: "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.token != nil {
				writeFile(t, dir, "token", *tt.token)
			}
			_, err := inClusterKubeconfig(dir, env(map[string]string{"KUBERNETES_SERVICE_HOST": tt.host, "KUBERNETES_SERVICE_PORT": tt.port}))
			if err == nil {
				t.Fatal("no error")
			}
			if errors.Is(err, ErrNotInCluster) != tt.wantNotInClus {
				t.Errorf("errors.Is(%v, ErrNotInCluster) = %v", err, !tt.wantNotInClus)
			}
			if !strings.Contains(err.Error(), tt.wantSubstr) {
				t.Errorf("error %q lacks %q", err, tt.wantSubstr)
			}
		})
	}
}

func TestInClusterNamespace(t *testing.T) {
	tests := []struct {
		name, file, podNamespace, want string
	}{
		{"namespace file", "from-file", "", "from-file"},
		{"POD_NAMESPACE wins", "from-file", "from-env", "from-env"},
		{"no file means default", "", "", "default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := serviceAccountDir(t, "tok", tt.file)
			vars := map[string]string{"KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"}
			if tt.podNamespace != "" {
				vars["POD_NAMESPACE"] = tt.podNamespace
			}
			cfg, err := inClusterKubeconfig(dir, env(vars))
			if err != nil {
				t.Fatal(err)
			}
			ns, _, err := NewClientConfig(cfg, Overrides{}).Namespace()
			if err != nil || ns != tt.want {
				t.Errorf("Namespace() = %q, %v; want %q", ns, err, tt.want)
			}
		})
	}
}

func TestInClusterWithoutCAFileUsesSystemRoots(t *testing.T) {
	dir := serviceAccountDir(t, "tok", "")
	if err := os.Remove(filepath.Join(dir, "ca.crt")); err != nil {
		t.Fatal(err)
	}
	cfg, err := inClusterKubeconfig(dir, env(map[string]string{"KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"}))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := NewClientConfig(cfg, Overrides{}).RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if rc.TLSClientConfig.CAFile != "" {
		t.Errorf("CAFile = %q, want empty", rc.TLSClientConfig.CAFile)
	}
}
