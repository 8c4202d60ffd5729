//go:build e2e

package e2e

import (
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/kubeconfig"
)

// basicAuthServer stands in for a server that still accepts basic auth (kube-apiserver no longer does):
// it serves one ConfigMap to alice with password "open sesame" and answers 401 with a Status otherwise.
func basicAuthServer(t *testing.T) *httptest.Server {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if user, pass, ok := r.BasicAuth(); !ok || user != "alice" || pass != "open sesame" {
			w.WriteHeader(http.StatusUnauthorized)
			_ = json.NewEncoder(w).Encode(metav1.Status{
				TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
				Status:   metav1.StatusFailure, Reason: metav1.StatusReasonUnauthorized, Code: 401, Message: "Unauthorized",
			})
			return
		}
		_ = json.NewEncoder(w).Encode(corev1.ConfigMap{
			TypeMeta:   metav1.TypeMeta{Kind: "ConfigMap", APIVersion: "v1"},
			ObjectMeta: metav1.ObjectMeta{Name: "greeting", Namespace: "default"},
			Data:       map[string]string{"path": r.URL.Path},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// basicAuthKubeconfig writes a kubeconfig for srv with a username and password.
func basicAuthKubeconfig(t *testing.T, srv *httptest.Server, password string) string {
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: legacy
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: alice
  user:
    username: alice
    password: %q
contexts:
- name: legacy
  context: {cluster: legacy, user: alice}
current-context: legacy
`, srv.URL, base64.StdEncoding.EncodeToString(ca), password)
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBasicAuth loads username and password from a kubeconfig and sends them to a TLS test server; a
// wrong password comes back as Unauthorized, and no error mentions the password.
func TestBasicAuth(t *testing.T) {
	t.Parallel()
	srv := basicAuthServer(t)
	tests := []struct {
		password string
		wantErr  func(error) bool
	}{
		{"open sesame", nil},
		{"guess-what", apierrors.IsUnauthorized},
	}
	for _, tt := range tests {
		cc, err := kubeconfig.Load(kubeconfig.LoadOptions{ExplicitPath: basicAuthKubeconfig(t, srv, tt.password)})
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := cc.RESTConfig()
		if err != nil {
			t.Fatal(err)
		}
		cm := &corev1.ConfigMap{}
		err = restClient(t, cfg, coreV1, jsonType).Get().Namespace("default").Resource("configmaps").Name("greeting").
			Do(t.Context()).Into(cm)
		if tt.wantErr == nil {
			if err != nil || cm.Data["path"] != "/api/v1/namespaces/default/configmaps/greeting" {
				t.Fatalf("GET with the right password: %v, %+v", err, cm.Data)
			}
			continue
		}
		if !tt.wantErr(err) {
			t.Fatalf("GET with a wrong password: %v, want Unauthorized", err)
		}
		if strings.Contains(err.Error(), tt.password) || strings.Contains(fmt.Sprintf("%+v %#v", cfg, cfg), tt.password) {
			t.Fatal("the password appears in an error or in the formatted config")
		}
	}
}
