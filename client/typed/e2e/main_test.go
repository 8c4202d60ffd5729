//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, autoscalingv1.AddToScheme} {
		if err := add(s); err != nil {
			panic(err)
		}
	}
	return s
}()

// restClient returns an admin REST client for gv that sends bodies in contentType.
func restClient(t *testing.T, gv schema.GroupVersion, contentType string) *rest.RESTClient {
	t.Helper()
	cfg := testCluster.AdminConfig()
	cfg.APIPath = "/apis"
	if gv.Group == "" {
		cfg.APIPath = "/api"
	}
	cfg.GroupVersion = &gv
	cfg.NegotiatedSerializer = serializer.NewCodecFactory(scheme).WithoutConversion()
	cfg.ContentType = contentType
	c, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var namespaceSeq atomic.Int64

// namespace creates a fresh namespace for one test.
func namespace(t *testing.T) string {
	t.Helper()
	name := fmt.Sprintf("typed-e2e-%d", namespaceSeq.Add(1))
	namespaces := typed.NewClient("namespaces", restClient(t, corev1.SchemeGroupVersion, rest.ContentTypeJSON), nil, "",
		func() *corev1.Namespace { return &corev1.Namespace{} }, func() *corev1.NamespaceList { return &corev1.NamespaceList{} })
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if _, err := namespaces.Create(context.Background(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create namespace %s: %v", name, err)
	}
	t.Cleanup(func() { _ = namespaces.Delete(context.Background(), name, metav1.DeleteOptions{}) })
	return name
}

func configMaps(t *testing.T, ns, contentType string) *typed.Client[*corev1.ConfigMap, *corev1.ConfigMapList] {
	return typed.NewClient("configmaps", restClient(t, corev1.SchemeGroupVersion, contentType), nil, ns,
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

func deployments(t *testing.T, ns, contentType string) *typed.Client[*appsv1.Deployment, *appsv1.DeploymentList] {
	return typed.NewClient("deployments", restClient(t, appsv1.SchemeGroupVersion, contentType), nil, ns,
		func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} })
}

func newTracker(t *testing.T) *fake.Tracker {
	t.Helper()
	tr, err := fake.NewTracker(scheme)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeConfigMaps(tr *fake.Tracker, ns string) *fake.Client[*corev1.ConfigMap, *corev1.ConfigMapList] {
	return fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("configmaps"), corev1.SchemeGroupVersion.WithKind("ConfigMap"), ns,
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

func fakeDeployments(tr *fake.Tracker, ns string) *fake.Client[*appsv1.Deployment, *appsv1.DeploymentList] {
	return fake.NewClient(tr, appsv1.SchemeGroupVersion.WithResource("deployments"), appsv1.SchemeGroupVersion.WithKind("Deployment"), ns,
		func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} },
		fake.WithStatusSubresource())
}
