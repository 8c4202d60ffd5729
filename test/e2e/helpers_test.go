//go:build e2e

package e2e

import (
	"testing"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/kubeconfig"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

// Wire formats a client can choose.
const (
	jsonType     = "application/json"
	protobufType = "application/vnd.kubernetes.protobuf"
)

var (
	coreV1 = schema.GroupVersion{Version: "v1"}
	rbacV1 = rbacv1.SchemeGroupVersion
)

// restClient builds a client for gv from cfg (which it copies), speaking contentType.
func restClient(t testing.TB, cfg *rest.Config, gv schema.GroupVersion, contentType string) *rest.RESTClient {
	t.Helper()
	cfg = rest.CopyConfig(cfg)
	cfg.APIPath = "/apis"
	if gv.Group == "" {
		cfg.APIPath = "/api"
	}
	cfg.GroupVersion = &gv
	cfg.NegotiatedSerializer = codecs.WithoutConversion()
	cfg.ContentType = contentType
	client, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatalf("RESTClientFor: %v", err)
	}
	return client
}

// adminCore is a core/v1 JSON client for the admin user, for test setup.
func adminCore(t testing.TB) *rest.RESTClient {
	t.Helper()
	return restClient(t, testCluster.AdminConfig(), coreV1, jsonType)
}

// newNamespace creates a namespace for one test. Namespaces are never deleted: no controller-manager
// runs to finalize them, and the cluster is thrown away at the end.
func newNamespace(t testing.TB) string {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "e2e-"}}
	out := &corev1.Namespace{}
	if err := adminCore(t).Post().Resource("namespaces").Body(ns).Do(t.Context()).Into(out); err != nil {
		t.Fatalf("creating namespace: %v", err)
	}
	return out.Name
}

// configFromKubeconfig writes a kubeconfig for a and loads it back through client/kubeconfig, as a user's
// program would. Client-side rate limiting is turned off.
func configFromKubeconfig(t testing.TB, a cluster.Auth) *rest.Config {
	t.Helper()
	path, err := testCluster.Kubeconfig(a)
	if err != nil {
		t.Fatal(err)
	}
	cc, err := kubeconfig.Load(kubeconfig.LoadOptions{ExplicitPath: path})
	if err != nil {
		t.Fatalf("loading kubeconfig %s: %v", path, err)
	}
	cfg, err := cc.RESTConfig()
	if err != nil {
		t.Fatalf("RESTConfig from %s: %v", path, err)
	}
	cfg.QPS = -1
	return cfg
}

// bindRole lets subject do verbs on core resources in ns.
func bindRole(t testing.TB, ns string, subject rbacv1.Subject, verbs, resources []string) {
	t.Helper()
	rbac := restClient(t, testCluster.AdminConfig(), rbacV1, jsonType)
	role := &rbacv1.Role{
		ObjectMeta: metav1.ObjectMeta{GenerateName: "e2e-"},
		Rules:      []rbacv1.PolicyRule{{APIGroups: []string{""}, Verbs: verbs, Resources: resources}},
	}
	created := &rbacv1.Role{}
	if err := rbac.Post().Namespace(ns).Resource("roles").Body(role).Do(t.Context()).Into(created); err != nil {
		t.Fatalf("creating role: %v", err)
	}
	binding := &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{GenerateName: "e2e-"},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: created.Name},
		Subjects:   []rbacv1.Subject{subject},
	}
	if err := rbac.Post().Namespace(ns).Resource("rolebindings").Body(binding).Do(t.Context()).Error(); err != nil {
		t.Fatalf("creating role binding: %v", err)
	}
}

// userSubject names a user in a role binding.
func userSubject(name string) rbacv1.Subject {
	return rbacv1.Subject{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: name}
}

// whoami asks the apiserver which user the client authenticates as (SelfSubjectReview).
func whoami(t testing.TB, cfg *rest.Config) authenticationv1.UserInfo {
	t.Helper()
	client := restClient(t, cfg, authenticationv1.SchemeGroupVersion, jsonType)
	review := &authenticationv1.SelfSubjectReview{}
	if err := client.Post().Resource("selfsubjectreviews").Body(review).Do(t.Context()).Into(review); err != nil {
		t.Fatalf("SelfSubjectReview: %v", err)
	}
	return review.Status.UserInfo
}
