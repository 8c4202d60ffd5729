package cluster

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Kubeconfig writes a kubeconfig file for a into a new file in the cluster's directory and returns its
// path. Its cluster, user and context are all named "kubegen-test", and it is the current context.
func (c *Cluster) Kubeconfig(a Auth) (string, error) {
	f, err := os.CreateTemp(c.dir, "kubeconfig-*.yaml")
	if err != nil {
		return "", err
	}
	f.Close()
	return f.Name(), c.WriteKubeconfig(f.Name(), a)
}

// WriteKubeconfig writes a kubeconfig file for a to path.
func (c *Cluster) WriteKubeconfig(path string, a Auth) error {
	data, err := c.KubeconfigBytes(a)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// KubeconfigBytes returns the YAML of a kubeconfig for a.
func (c *Cluster) KubeconfigBytes(a Auth) ([]byte, error) {
	cluster, err := c.kubeconfigCluster(a.Trust)
	if err != nil {
		return nil, err
	}
	if a.ProxyURL != "" {
		cluster += "    proxy-url: " + quote(a.ProxyURL) + "\n"
	}
	user, err := c.kubeconfigUser(a)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: Config\n")
	b.WriteString("clusters:\n- name: kubegen-test\n  cluster:\n")
	b.WriteString(cluster)
	b.WriteString("users:\n- name: kubegen-test\n  user:\n")
	b.WriteString(user)
	b.WriteString("contexts:\n- name: kubegen-test\n  context:\n    cluster: kubegen-test\n    user: kubegen-test\n")
	if a.Namespace != "" {
		fmt.Fprintf(&b, "    namespace: %s\n", quote(a.Namespace))
	}
	b.WriteString("current-context: kubegen-test\n")
	return []byte(b.String()), nil
}

func (c *Cluster) kubeconfigCluster(t Trust) (string, error) {
	server := "    server: " + quote(c.Host()) + "\n"
	switch t {
	case CAInline:
		return server + "    certificate-authority-data: " + b64(c.CAData()) + "\n", nil
	case CAFile:
		return server + "    certificate-authority: " + quote(c.CAFile()) + "\n", nil
	case Insecure:
		return server + "    insecure-skip-tls-verify: true\n", nil
	}
	return "", fmt.Errorf("unknown trust mode %v", t)
}

func (c *Cluster) kubeconfigUser(a Auth) (string, error) {
	switch a.Credential {
	case CertInline:
		cert, key := c.ClientCertData(a.User)
		return "    client-certificate-data: " + b64(cert) + "\n    client-key-data: " + b64(key) + "\n", nil
	case CertFiles:
		cert, key := c.ClientCertFiles(a.User)
		return "    client-certificate: " + quote(cert) + "\n    client-key: " + quote(key) + "\n", nil
	case TokenInline:
		return "    token: " + quote(c.Token(a.User)) + "\n", nil
	case TokenFile:
		return "    tokenFile: " + quote(c.tokenFile(a)) + "\n", nil
	case ExecPlugin:
		plugin, err := c.ExecPlugin()
		if err != nil {
			return "", err
		}
		return "    exec:\n" +
			"      apiVersion: client.authentication.k8s.io/v1\n" +
			"      command: " + quote(plugin) + "\n" +
			"      interactiveMode: Never\n" +
			"      env:\n" +
			"      - name: " + ExecTokenEnv + "\n" +
			"        value: " + quote(c.Token(a.User)) + "\n", nil
	}
	return "", fmt.Errorf("unknown credential %v", a.Credential)
}

// quote renders s as a YAML double-quoted scalar (JSON string syntax is valid YAML).
func quote(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

func b64(data []byte) string { return base64.StdEncoding.EncodeToString(data) }
