package kubeconfig

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// testCertPEM returns a self-signed certificate and its private key, PEM encoded.
func testCertPEM(t *testing.T) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
}

// TestIssue10_KubeconfigValidationLikeClientcmd (issue 10 item 3): what clientcmd refuses is refused
// by RESTConfig, with an error naming the kubeconfig file, the cluster or user, and the key.
func TestIssue10_KubeconfigValidationLikeClientcmd(t *testing.T) {
	dir := t.TempDir()
	cert, key := testCertPEM(t)
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	certFile := writeFile(t, dir, "client.crt", string(cert))
	keyFile := writeFile(t, dir, "client.key", string(key))
	tests := []struct {
		name, cluster, user string
		want                []string // substrings of the error, besides the file
	}{
		{"server with a query", "server: https://api.example:6443/?x=1", "token: t",
			[]string{`clusters "c": server:`, "query"}},
		{"server with a fragment", "server: https://api.example:6443/#frag", "token: t",
			[]string{`clusters "c": server:`, "fragment"}},
		{"both CA file and data", "server: https://a\n    certificate-authority: " + certFile +
			"\n    certificate-authority-data: " + b64(cert), "token: t",
			[]string{`clusters "c": certificate-authority`, "certificate-authority-data"}},
		{"as-groups without as", "server: https://a", "token: t\n    as-groups: [admins]",
			[]string{`users "u": as-groups`, "without as"}},
		{"as-uid without as", "server: https://a", "token: t\n    as-uid: \"1\"",
			[]string{`users "u": as-uid`, "without as"}},
		{"exec env without name", "server: https://a",
			"exec:\n      command: plugin\n      apiVersion: client.authentication.k8s.io/v1beta1\n      env:\n      - value: v",
			[]string{`users "u": exec.env[0].name`, "missing"}},
		{"both client certificate file and data", "server: https://a",
			"client-certificate: " + certFile + "\n    client-certificate-data: " + b64(cert) + "\n    client-key: " + keyFile,
			[]string{`users "u": client-certificate`, "client-certificate-data"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := "clusters:\n- name: c\n  cluster:\n    " + tt.cluster + "\nusers:\n- name: u\n  user:\n    " + tt.user +
				"\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"
			path := writeFile(t, dir, "config"+string(rune('a'+i)), data)
			cc, err := Load(LoadOptions{ExplicitPath: path})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			_, err = cc.RESTConfig()
			if err == nil {
				t.Fatal("RESTConfig succeeded")
			}
			for _, w := range append([]string{"kubeconfig " + path + ": "}, tt.want...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "PRIVATE KEY") || strings.Contains(err.Error(), b64(key)[:20]) {
				t.Errorf("error shows key material: %v", err)
			}
		})
	}
	t.Run("valid certificate files and data pass", func(t *testing.T) {
		data := "clusters:\n- name: c\n  cluster:\n    server: https://a\n    certificate-authority-data: " + b64(cert) +
			"\nusers:\n- name: u\n  user:\n    client-certificate: " + certFile + "\n    client-key-data: " + b64(key) +
			"\n    as: jane\n    as-groups: [admins]\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"
		cc, err := Load(LoadOptions{ExplicitPath: writeFile(t, dir, "valid", data)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cc.RESTConfig(); err != nil {
			t.Errorf("RESTConfig: %v", err)
		}
	})
}
