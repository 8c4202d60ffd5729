//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

// createPod creates a Pod (it never runs: no scheduler or kubelet) so that lists have something to find.
func createPod(t testing.TB, ns, name string) {
	t.Helper()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "example.invalid/none"}}},
	}
	if err := adminCore(t).Post().Namespace(ns).Resource("pods").Body(pod).Do(t.Context()).Error(); err != nil {
		t.Fatalf("creating pod: %v", err)
	}
}

func podNames(list *corev1.PodList) []string {
	var names []string
	for _, p := range list.Items {
		names = append(names, p.Name)
	}
	return names
}

// TestEveryAuthMode loads a kubeconfig for each credential (client certificate inline and from files,
// bearer token inline and from a file, exec plugin) with each way to trust the server (CA inline, CA
// file, insecure), then lists pods and creates, gets, updates, patches and deletes a ConfigMap with it.
func TestEveryAuthMode(t *testing.T) {
	ns := newNamespace(t)
	createPod(t, ns, "listed")
	wantUser := map[cluster.Credential]string{
		cluster.CertInline:  cluster.AdminCertUser,
		cluster.CertFiles:   cluster.AdminCertUser,
		cluster.TokenInline: cluster.AdminTokenUser,
		cluster.TokenFile:   cluster.AdminTokenUser,
		cluster.ExecPlugin:  cluster.AdminTokenUser,
	}
	for _, cred := range cluster.Credentials {
		for _, trust := range cluster.Trusts {
			a := cluster.Auth{User: cluster.Admin, Credential: cred, Trust: trust}
			t.Run(a.String(), func(t *testing.T) {
				t.Parallel()
				cfg := configFromKubeconfig(t, a)
				noSecretsIn(t, cfg)
				if user := whoami(t, cfg).Username; user != wantUser[cred] {
					t.Fatalf("authenticated as %q, want %q", user, wantUser[cred])
				}
				core := restClient(t, cfg, coreV1, jsonType)
				pods := &corev1.PodList{}
				if err := core.Get().Namespace(ns).Resource("pods").Do(t.Context()).Into(pods); err != nil {
					t.Fatalf("list pods: %v", err)
				}
				if names := podNames(pods); !slices.Equal(names, []string{"listed"}) {
					t.Fatalf("listed pods %v, want [listed]", names)
				}
				exerciseConfigMap(t, core, ns, strings.ReplaceAll(a.String(), "/", "-"))
			})
		}
	}
}

// TestTokenFileRotation rewrites the token file between two requests of one client: the first request
// carries the limited user's token and is forbidden, the next one carries the admin token and succeeds.
func TestTokenFileRotation(t *testing.T) {
	ns := newNamespace(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeAtomically(t, tokenFile, testCluster.Token(cluster.Limited))
	cfg := configFromKubeconfig(t, cluster.Auth{Credential: cluster.TokenFile, Trust: cluster.CAFile, TokenFile: tokenFile})
	core := restClient(t, cfg, coreV1, jsonType)
	listPods := func() error {
		return core.Get().Namespace(ns).Resource("pods").Do(t.Context()).Into(&corev1.PodList{})
	}

	if err := listPods(); !apierrors.IsForbidden(err) {
		t.Fatalf("list pods with the limited token: %v, want Forbidden", err)
	}
	if user := whoami(t, cfg).Username; user != cluster.LimitedTokenUser {
		t.Fatalf("authenticated as %q, want %q", user, cluster.LimitedTokenUser)
	}

	writeAtomically(t, tokenFile, testCluster.Token(cluster.Admin))
	if err := listPods(); err != nil {
		t.Fatalf("list pods after switching the file to the admin token: %v", err)
	}
	if user := whoami(t, cfg).Username; user != cluster.AdminTokenUser {
		t.Fatalf("authenticated as %q after rotation, want %q", user, cluster.AdminTokenUser)
	}
}

// writeAtomically replaces path's content the way the kubelet rotates projected tokens: write a new file
// and rename it over the old one.
func writeAtomically(t testing.TB, path, content string) {
	t.Helper()
	tmp := path + ".new"
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestLimitedUserIsForbidden checks that a credential without RBAC bindings gets a typed Forbidden error.
func TestLimitedUserIsForbidden(t *testing.T) {
	ns := newNamespace(t)
	for _, cred := range []cluster.Credential{cluster.CertInline, cluster.TokenInline} {
		t.Run(cred.String(), func(t *testing.T) {
			cfg := configFromKubeconfig(t, cluster.Auth{User: cluster.Limited, Credential: cred})
			err := restClient(t, cfg, coreV1, jsonType).Get().Namespace(ns).Resource("pods").Do(t.Context()).Error()
			if !apierrors.IsForbidden(err) {
				t.Fatalf("list pods as the limited user: %v, want Forbidden", err)
			}
		})
	}
}

// TestClientCertFileRotation replaces the client certificate and key files under a running client: the
// first connection presents the limited user's certificate, a new connection after the rotation the
// admin's. (The transport re-reads the files at each TLS handshake; connections already open keep the
// identity they were made with, so the test closes the idle ones.)
func TestClientCertFileRotation(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	install := func(u cluster.User) {
		cert, key := testCluster.ClientCertData(u)
		writeAtomically(t, keyFile, string(key))
		writeAtomically(t, certFile, string(cert))
	}
	install(cluster.Limited)
	cfg, err := testCluster.Config(cluster.Auth{Credential: cluster.CertFiles})
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSClientConfig.CertFile, cfg.TLSClientConfig.KeyFile = certFile, keyFile
	if user := whoami(t, cfg).Username; user != cluster.LimitedCertUser {
		t.Fatalf("authenticated as %q, want %q", user, cluster.LimitedCertUser)
	}
	install(cluster.Admin)
	client, err := rest.HTTPClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	client.CloseIdleConnections()
	if user := whoami(t, cfg).Username; user != cluster.AdminCertUser {
		t.Fatalf("after rotating the files: authenticated as %q, want %q", user, cluster.AdminCertUser)
	}
}

// noSecretsIn checks that formatting cfg shows neither token nor private key.
func noSecretsIn(t *testing.T, cfg *rest.Config) {
	t.Helper()
	formatted := fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg)
	_, adminKey := testCluster.ClientCertData(cluster.Admin)
	keyLine := []byte(strings.Split(string(adminKey), "\n")[1]) // a line of the key's base64 body
	decimal := strings.Trim(fmt.Sprint(keyLine), "[]")          // as %v prints a []byte
	secrets := []string{testCluster.Token(cluster.Admin), string(keyLine), decimal, fmt.Sprintf("%x", keyLine)}
	for _, secret := range secrets {
		if strings.Contains(formatted, secret) {
			t.Fatalf("formatted config shows a secret: %s", formatted)
		}
	}
}
