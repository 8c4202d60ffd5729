package kubeconfig

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/kubegen/kubegen/client/rest"
)

// DefaultServiceAccountDir is where Kubernetes mounts a pod's service-account token, CA and namespace.
const DefaultServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount"

// InClusterName names the cluster, user and context of the kubeconfig synthesized for in-cluster
// configuration (see ClientConfig.RawConfig).
const InClusterName = "in-cluster"

// Files inside the service-account directory.
const (
	tokenFileName     = "token"
	caFileName        = "ca.crt"
	namespaceFileName = "namespace"
)

// InClusterConfig returns the configuration of a process running in a pod: the API server from
// KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, the service-account token (as a file that is
// re-read as it rotates) and CA from DefaultServiceAccountDir. Outside a cluster the error wraps
// ErrNotInCluster.
func InClusterConfig() (*rest.Config, error) {
	return InClusterConfigFrom(DefaultServiceAccountDir)
}

// InClusterConfigFrom is InClusterConfig with the service-account files read from dir.
func InClusterConfigFrom(dir string) (*rest.Config, error) {
	cfg, err := inClusterKubeconfig(dir, os.LookupEnv)
	if err != nil {
		return nil, err
	}
	return NewClientConfig(cfg, Overrides{}).RESTConfig()
}

// inClusterKubeconfig synthesizes a kubeconfig for the in-cluster service account: one cluster,
// user and context named InClusterName, the context's namespace from $POD_NAMESPACE or the
// namespace file.
func inClusterKubeconfig(dir string, lookupEnv func(string) (string, bool)) (*Config, error) {
	host, _ := lookupEnv("KUBERNETES_SERVICE_HOST")
	port, _ := lookupEnv("KUBERNETES_SERVICE_PORT")
	if host == "" || port == "" {
		return nil, fmt.Errorf("%w: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set", ErrNotInCluster)
	}
	tokenFile := filepath.Join(dir, tokenFileName)
	if err := checkTokenFile(tokenFile); err != nil {
		return nil, fmt.Errorf("in-cluster configuration: service-account token: %w", err)
	}
	cluster := Cluster{Server: "https://" + net.JoinHostPort(host, port), LocationOfOrigin: dir}
	if caFile := filepath.Join(dir, caFileName); fileExists(caFile) {
		cluster.CertificateAuthority = caFile
	}
	ns, err := inClusterNamespace(dir, lookupEnv)
	if err != nil {
		return nil, err
	}
	return &Config{
		APIVersion:     "v1",
		Kind:           "Config",
		Clusters:       []NamedCluster{{Name: InClusterName, Cluster: cluster}},
		AuthInfos:      []NamedAuthInfo{{Name: InClusterName, AuthInfo: AuthInfo{TokenFile: tokenFile, LocationOfOrigin: dir}}},
		Contexts:       []NamedContext{{Name: InClusterName, Context: Context{Cluster: InClusterName, AuthInfo: InClusterName, Namespace: ns, LocationOfOrigin: dir}}},
		CurrentContext: InClusterName,
	}, nil
}

// checkTokenFile makes sure the token file exists and is not empty, without keeping its contents.
func checkTokenFile(path string) error {
	data, err := readBounded(path)
	if err != nil {
		return err
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return fmt.Errorf("%s is empty", path)
	}
	return nil
}

// inClusterNamespace returns $POD_NAMESPACE, else the namespace file's content; empty when neither
// exists (the context then defaults to "default").
func inClusterNamespace(dir string, lookupEnv func(string) (string, bool)) (string, error) {
	if ns, ok := lookupEnv("POD_NAMESPACE"); ok && ns != "" {
		return ns, nil
	}
	data, err := readBounded(filepath.Join(dir, namespaceFileName))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("in-cluster configuration: namespace: %w", err)
	}
	return strings.TrimSpace(string(data)), nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
