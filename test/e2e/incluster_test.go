//go:build e2e

package e2e

import (
	"errors"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/client/rest"
)

// serviceAccountToken creates ServiceAccount name in ns, lets it get and list pods (nothing else), and
// returns a token for it issued by the TokenRequest API.
func serviceAccountToken(t *testing.T, ns, name string) string {
	t.Helper()
	admin := adminCore(t)
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if err := admin.Post().Namespace(ns).Resource("serviceaccounts").Body(sa).Do(t.Context()).Error(); err != nil {
		t.Fatalf("creating ServiceAccount: %v", err)
	}
	bindRole(t, ns, rbacv1.Subject{Kind: rbacv1.ServiceAccountKind, Name: name, Namespace: ns},
		[]string{"get", "list"}, []string{"pods"})
	expiry := int64(3600)
	tr := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: &expiry}}
	err := admin.Post().Namespace(ns).Resource("serviceaccounts").Name(name).SubResource("token").
		Body(tr).Do(t.Context()).Into(tr)
	if err != nil {
		t.Fatalf("TokenRequest: %v", err)
	}
	if tr.Status.Token == "" {
		t.Fatal("TokenRequest returned no token")
	}
	return tr.Status.Token
}

// inClusterDir writes a service-account mount for a fresh ServiceAccount "reader" of a new namespace.
func inClusterDir(t *testing.T) (dir, ns string) {
	t.Helper()
	ns = newNamespace(t)
	createPod(t, ns, "victim")
	dir = t.TempDir()
	if err := testCluster.WriteInClusterFiles(dir, serviceAccountToken(t, ns, "reader"), ns); err != nil {
		t.Fatal(err)
	}
	return dir, ns
}

// TestInClusterServiceAccount runs the kubeconfig loading chain with no kubeconfig anywhere, so it falls
// back to in-cluster configuration (KUBERNETES_SERVICE_HOST/PORT and a service-account directory holding a
// TokenRequest token); RBAC lets that account list pods but not delete them.
func TestInClusterServiceAccount(t *testing.T) {
	dir, ns := inClusterDir(t)
	host, port := testCluster.InClusterEnv()
	env := map[string]string{"KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": port}
	cc, err := kubeconfig.Load(kubeconfig.LoadOptions{
		Paths:        []string{},
		HomeDir:      t.TempDir(),
		InClusterDir: dir,
		LookupEnv:    func(k string) (string, bool) { v, ok := env[k]; return v, ok },
	})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !cc.InCluster() {
		t.Fatal("Load did not fall back to in-cluster configuration")
	}
	if got, _, err := cc.Namespace(); err != nil || got != ns {
		t.Fatalf("Namespace() = %q, %v; want %q from the namespace file", got, err, ns)
	}
	cfg, err := cc.RESTConfig()
	if err != nil {
		t.Fatal(err)
	}
	checkReaderAccount(t, cfg, ns)
}

// TestInClusterConfigFrom reads the in-cluster configuration from the real environment variables.
// It sets process environment, so it must not run in parallel with other tests.
func TestInClusterConfigFrom(t *testing.T) {
	dir, ns := inClusterDir(t)
	host, port := testCluster.InClusterEnv()
	t.Setenv("KUBERNETES_SERVICE_HOST", host)
	t.Setenv("KUBERNETES_SERVICE_PORT", port)
	cfg, err := kubeconfig.InClusterConfigFrom(dir)
	if err != nil {
		t.Fatalf("InClusterConfigFrom: %v", err)
	}
	checkReaderAccount(t, cfg, ns)
}

// checkReaderAccount checks that cfg authenticates as ServiceAccount reader of ns, may list pods there,
// and may not delete them.
func checkReaderAccount(t *testing.T, cfg *rest.Config, ns string) {
	t.Helper()
	cfg.QPS = -1
	if user := whoami(t, cfg).Username; user != "system:serviceaccount:"+ns+":reader" {
		t.Fatalf("authenticated as %q, want the reader service account", user)
	}
	core := restClient(t, cfg, coreV1, jsonType)
	pods := &corev1.PodList{}
	err := untilNotForbidden(func() error {
		return core.Get().Namespace(ns).Resource("pods").Do(t.Context()).Into(pods)
	})
	if err != nil {
		t.Fatalf("list pods as the service account: %v", err)
	}
	if len(pods.Items) != 1 || pods.Items[0].Name != "victim" {
		t.Fatalf("listed pods %v, want [victim]", podNames(pods))
	}
	err = core.Delete().Namespace(ns).Resource("pods").Name("victim").Do(t.Context()).Error()
	if !apierrors.IsForbidden(err) {
		t.Fatalf("delete pod as the service account: %v, want Forbidden", err)
	}
	var status *apierrors.StatusError
	if !errors.As(err, &status) || status.Status().Code != 403 {
		t.Fatalf("delete pod: %#v, want a *StatusError with code 403", err)
	}
}

// untilNotForbidden retries call while it is Forbidden: the apiserver's RBAC authorizer learns about new
// role bindings through a watch, a moment after they are created. It gives up after a minute.
func untilNotForbidden(call func() error) error {
	deadline := time.Now().Add(time.Minute)
	for {
		err := call()
		if !apierrors.IsForbidden(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
