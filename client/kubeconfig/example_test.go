package kubeconfig_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/kubegen/kubegen/client/kubeconfig"
)

// A kubeconfig written with WriteFile and read back with Load.
func Example() {
	dir, err := os.MkdirTemp("", "kubeconfig-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "config")
	ca, err := os.ReadFile("testdata/tls/cert.pem") // RESTConfig checks that the CA file holds certificates
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ca.crt"), ca, 0o600); err != nil {
		panic(err)
	}

	err = kubeconfig.WriteFile(path, &kubeconfig.Config{
		Clusters:       []kubeconfig.NamedCluster{{Name: "dev", Cluster: kubeconfig.Cluster{Server: "https://dev.example:6443", CertificateAuthority: "ca.crt"}}},
		AuthInfos:      []kubeconfig.NamedAuthInfo{{Name: "me", AuthInfo: kubeconfig.AuthInfo{TokenFile: "token"}}},
		Contexts:       []kubeconfig.NamedContext{{Name: "dev", Context: kubeconfig.Context{Cluster: "dev", AuthInfo: "me", Namespace: "team-a"}}},
		CurrentContext: "dev",
	})
	if err != nil {
		panic(err)
	}

	cc, err := kubeconfig.Load(kubeconfig.LoadOptions{ExplicitPath: path})
	if err != nil {
		panic(err)
	}
	cfg, err := cc.RESTConfig()
	if err != nil {
		panic(err)
	}
	ns, _, _ := cc.Namespace()
	fmt.Println("server:", cfg.Host)
	fmt.Println("namespace:", ns)
	fmt.Println("CA resolved next to the file:", cfg.TLSClientConfig.CAFile == filepath.Join(dir, "ca.crt"))
	fmt.Println("token file:", filepath.Base(cfg.BearerTokenFile))
	// Output:
	// server: https://dev.example:6443
	// namespace: team-a
	// CA resolved next to the file: true
	// token file: token
}

// kubectl-style flags on a command line.
func ExampleLoadOptions_BindFlags() {
	var opts kubeconfig.LoadOptions
	fs := pflag.NewFlagSet("mytool", pflag.ContinueOnError)
	opts.BindFlags(fs, "")
	_ = fs.Parse([]string{"--context=prod", "-n", "kube-system", "--as=jane", "--request-timeout=30"})

	fmt.Println(opts.Overrides.Context, opts.Overrides.Namespace, opts.Overrides.Impersonate, opts.Overrides.Timeout)
	// Output: prod kube-system jane 30s
}

// Errors name the file (when there is one) and the key path.
func ExampleParse_error() {
	_, err := kubeconfig.Parse([]byte(`
users:
- name: alice
  user: {token: abc}
- name: bob
  user:
    client-certificate-data: "abcd!efg"
`))
	fmt.Println(err)
	var kerr *kubeconfig.Error
	fmt.Println(errors.As(err, &kerr), kerr.Path)
	// Output:
	// kubeconfig: users[1] "bob": client-certificate-data: illegal base64 data at input byte 4
	// true users[1] "bob": client-certificate-data
}

// The files of KUBECONFIG are merged: the first to define a name wins.
func ExampleMerge() {
	first, _ := kubeconfig.Parse([]byte("clusters:\n- name: shared\n  cluster: {server: https://first}\n"))
	second, _ := kubeconfig.Parse([]byte("current-context: x\nclusters:\n- name: shared\n  cluster: {server: https://second}\n- name: extra\n  cluster: {server: https://extra}\n"))
	merged := kubeconfig.Merge(first, second)
	fmt.Println(merged.Cluster("shared").Server, merged.Cluster("extra").Server, merged.CurrentContext)
	// Output: https://first https://extra x
}

// In-cluster configuration from a service-account directory.
func ExampleInClusterConfigFrom() {
	dir, _ := os.MkdirTemp("", "sa")
	defer os.RemoveAll(dir)
	_ = os.WriteFile(filepath.Join(dir, "token"), []byte("a-token"), 0o600)
	os.Setenv("KUBERNETES_SERVICE_HOST", "fd00::1")
	os.Setenv("KUBERNETES_SERVICE_PORT", "443")
	defer os.Unsetenv("KUBERNETES_SERVICE_HOST")
	defer os.Unsetenv("KUBERNETES_SERVICE_PORT")

	cfg, err := kubeconfig.InClusterConfigFrom(dir)
	if err != nil {
		panic(err)
	}
	fmt.Println(cfg.Host, filepath.Base(cfg.BearerTokenFile))
	// Output: https://[fd00::1]:443 token
}

// Outside a pod, in-cluster configuration fails with ErrNotInCluster.
func ExampleInClusterConfig_notInCluster() {
	os.Unsetenv("KUBERNETES_SERVICE_HOST")
	_, err := kubeconfig.InClusterConfig()
	fmt.Println(errors.Is(err, kubeconfig.ErrNotInCluster))
	// Output: true
}
