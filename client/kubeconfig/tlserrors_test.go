package kubeconfig

import (
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/client/rest"
)

// TestIssue10_TransportBuildErrorsNameFileAndKey (issue 10 item 3): TLS material that cannot be used
// (a missing CA file, CA data without certificates, a client certificate or key that does not parse or
// does not match) fails with an error naming the kubeconfig file, the cluster or user and the key,
// whether RESTConfig or building the transport finds it.
func TestIssue10_TransportBuildErrorsNameFileAndKey(t *testing.T) {
	dir := t.TempDir()
	_, otherKey := testCertPEM(t)
	b64 := func(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
	missing := filepath.Join(dir, "missing.pem")
	keyFile, err := filepath.Abs(testKeyFile)
	if err != nil {
		t.Fatal(err)
	}
	certFile, err := filepath.Abs(testCertFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, cluster, user string
		overrides           Overrides
		want                string // after "kubeconfig FILE: ", or after "kubeconfig: " for overrides
	}{
		{"missing CA file", "certificate-authority: " + missing, "token: t", Overrides{},
			`clusters "c": certificate-authority: open ` + missing + `: no such file or directory`},
		{"CA data without certificates", "certificate-authority-data: " + b64([]byte("not a certificate")), "token: t", Overrides{},
			`clusters "c": certificate-authority-data: no PEM certificates found`},
		{"CA file without certificates", "certificate-authority: " + keyFile, "token: t", Overrides{},
			`clusters "c": certificate-authority: no PEM certificates found in ` + keyFile},
		{"client key data that does not parse", "insecure-skip-tls-verify: true",
			"client-certificate-data: " + b64(testCert) + "\n    client-key-data: " + b64([]byte("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")),
			Overrides{}, `users "u": client-key-data: invalid client certificate or key`},
		{"client key that does not match", "insecure-skip-tls-verify: true",
			"client-certificate-data: " + b64(testCert) + "\n    client-key-data: " + b64(otherKey),
			Overrides{}, `users "u": client-key-data: invalid client certificate or key`},
		{"client certificate data that does not parse", "insecure-skip-tls-verify: true",
			"client-certificate-data: " + b64([]byte("garbage")) + "\n    client-key-data: " + b64(testKey),
			Overrides{}, `users "u": client-certificate-data: invalid client certificate or key`},
		{"missing client key file", "insecure-skip-tls-verify: true",
			"client-certificate: " + certFile + "\n    client-key: " + missing,
			Overrides{}, `users "u": client-key: open ` + missing},
		{"missing CA file from the override", "insecure-skip-tls-verify: false", "token: t", Overrides{CertificateAuthority: missing},
			`overrides: certificate-authority: open ` + missing},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := "clusters:\n- name: c\n  cluster:\n    server: https://a\n    " + tt.cluster + "\nusers:\n- name: u\n  user:\n    " + tt.user +
				"\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n"
			path := writeFile(t, dir, "config"+string(rune('a'+i)), data)
			cc, err := Load(LoadOptions{ExplicitPath: path, Overrides: tt.overrides})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			rc, err := cc.RESTConfig()
			if err == nil {
				_, err = rest.HTTPClientFor(rc)
			}
			if err == nil {
				t.Fatal("neither RESTConfig nor the transport failed")
			}
			want := "kubeconfig " + path + ": " + tt.want
			if tt.overrides.CertificateAuthority != "" {
				want = "kubeconfig: " + tt.want
			}
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error = %q\nwant it to start with %q", err, want)
			}
			for _, material := range [][]byte{testKey, otherKey} {
				if strings.Contains(err.Error(), b64(material)[:20]) || strings.Contains(err.Error(), "PRIVATE KEY") {
					t.Errorf("error shows key material: %v", err)
				}
			}
		})
	}
}
