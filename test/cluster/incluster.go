package cluster

import (
	"os"
	"path/filepath"
	"strconv"
)

// InClusterEnv returns the values of KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT that point an
// in-cluster client at this cluster.
func (c *Cluster) InClusterEnv() (host, port string) { return "127.0.0.1", strconv.Itoa(c.port) }

// WriteInClusterFiles fills dir as a pod's service-account mount would be: token, ca.crt and namespace.
func (c *Cluster) WriteInClusterFiles(dir, token, namespace string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	files := map[string][]byte{"token": []byte(token), "ca.crt": c.CAData(), "namespace": []byte(namespace)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}
