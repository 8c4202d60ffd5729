//go:build e2e

package e2e

import (
	"crypto/tls"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/pflag"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestKubeconfigListWithRelativePaths splits a configuration over two files named by $KUBECONFIG, as
// kubectl users do: the first defines the cluster with a CA file relative to it, the second the user,
// with certificate files relative to it, and the context. The merged result reaches the apiserver.
func TestKubeconfigListWithRelativePaths(t *testing.T) {
	t.Parallel()
	ns := newNamespace(t)
	dir := t.TempDir()
	cert, key := testCluster.ClientCertData(cluster.Admin)
	writeFile(t, filepath.Join(dir, "clusters", "pki", "ca.crt"), testCluster.CAData())
	writeFile(t, filepath.Join(dir, "users", "certs", "admin.crt"), cert)
	writeFile(t, filepath.Join(dir, "users", "certs", "admin.key"), key)
	writeFile(t, filepath.Join(dir, "clusters", "config"), []byte(`apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: `+testCluster.Host()+`
    certificate-authority: pki/ca.crt
current-context: merged
`))
	writeFile(t, filepath.Join(dir, "users", "config"), []byte(`apiVersion: v1
kind: Config
users:
- name: admin
  user:
    client-certificate: certs/admin.crt
    client-key: certs/admin.key
contexts:
- name: merged
  context: {cluster: test, user: admin, namespace: `+ns+`}
current-context: ignored-because-the-first-file-sets-it
`))
	list := filepath.Join(dir, "clusters", "config") + string(os.PathListSeparator) + filepath.Join(dir, "users", "config")
	cc, err := kubeconfig.Load(kubeconfig.LoadOptions{
		HomeDir:          t.TempDir(),
		DisableInCluster: true,
		LookupEnv: func(k string) (string, bool) {
			if k == kubeconfig.EnvVar {
				return list, true
			}
			return "", false
		},
	})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, _, err := cc.Namespace(); err != nil || got != ns {
		t.Fatalf("Namespace() = %q, %v; want %q", got, err, ns)
	}
	cfg, err := cc.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	if user := whoami(t, cfg).Username; user != cluster.AdminCertUser {
		t.Fatalf("authenticated as %q, want %q", user, cluster.AdminCertUser)
	}
}

// TestKubectlFlags parses kubectl-style flags over a kubeconfig with the limited user's token file:
// --token replaces it with the admin token, -n sets the namespace, and --server with --tls-server-name verifies the serving
// certificate under another of its names (a wrong name fails the handshake).
func TestKubectlFlags(t *testing.T) {
	t.Parallel()
	path, err := testCluster.Kubeconfig(cluster.Auth{User: cluster.Limited, Credential: cluster.TokenFile})
	if err != nil {
		t.Fatal(err)
	}
	load := func(args ...string) (*rest.Config, string) {
		t.Helper()
		var opts kubeconfig.LoadOptions
		fs := pflag.NewFlagSet("kubectl", pflag.ContinueOnError)
		opts.BindFlags(fs, "")
		if err := fs.Parse(append([]string{"--kubeconfig", path}, args...)); err != nil {
			t.Fatal(err)
		}
		cc, err := kubeconfig.Load(opts)
		if err != nil {
			t.Fatalf("Load %v: %v", args, err)
		}
		cfg, err := cc.RESTConfig()
		if err != nil {
			t.Fatalf("RESTConfig %v: %v", args, err)
		}
		ns, _, err := cc.Namespace()
		if err != nil {
			t.Fatal(err)
		}
		return cfg, ns
	}

	cfg, ns := load("--token", testCluster.Token(cluster.Admin), "-n", "flag-ns")
	if user := whoami(t, cfg).Username; user != cluster.AdminTokenUser || ns != "flag-ns" {
		t.Fatalf("with --token and -n: user %q namespace %q, want %q and flag-ns", user, ns, cluster.AdminTokenUser)
	}

	server := "https://" + testCluster.HostPort()
	cfg, _ = load("--server", server, "--tls-server-name", "kubernetes.default.svc")
	if user := whoami(t, cfg).Username; user != cluster.LimitedTokenUser {
		t.Fatalf("with --tls-server-name: user %q, want %q", user, cluster.LimitedTokenUser)
	}
	cfg, _ = load("--server", server, "--tls-server-name", "not-in-the-certificate.example")
	err = restClient(t, cfg, coreV1, jsonType).Get().AbsPath("/version").Do(t.Context()).Error()
	var verify *tls.CertificateVerificationError
	if !errors.As(err, &verify) {
		t.Fatalf("with a wrong --tls-server-name: %v, want a certificate verification error", err)
	}
}
