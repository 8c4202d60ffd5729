//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

var scheme = func() *runtime.Scheme {
	s := runtime.NewScheme()
	if err := corev1.AddToScheme(s); err != nil {
		panic(err)
	}
	return s
}()

// configMapClient is what the scenario needs from a ConfigMap client; typed.Client and fake.Client
// both have these methods.
type configMapClient interface {
	Create(ctx context.Context, obj *corev1.ConfigMap, opts metav1.CreateOptions) (*corev1.ConfigMap, error)
	Update(ctx context.Context, obj *corev1.ConfigMap, opts metav1.UpdateOptions) (*corev1.ConfigMap, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
	List(ctx context.Context, opts metav1.ListOptions) (*corev1.ConfigMapList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

func restClient(t testing.TB, gv schema.GroupVersion, contentType string) *rest.RESTClient {
	t.Helper()
	return restClientFor(t, testCluster.AdminConfig(), gv, contentType)
}

func restClientFor(t testing.TB, cfg *rest.Config, gv schema.GroupVersion, contentType string) *rest.RESTClient {
	t.Helper()
	cfg.APIPath = "/api"
	cfg.GroupVersion = &gv
	cfg.NegotiatedSerializer = serializer.NewCodecFactory(scheme).WithoutConversion()
	cfg.ContentType = contentType
	c, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func clusterConfigMaps(t testing.TB, ns, contentType string) configMapClient {
	return configMapsOf(restClient(t, corev1.SchemeGroupVersion, contentType), ns)
}

func configMapsOf(rc *rest.RESTClient, ns string) configMapClient {
	return typed.NewClient("configmaps", rc, nil, ns,
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

var namespaceSeq atomic.Int64

// namespace creates a fresh namespace on the test cluster for one test.
func namespace(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("cache-e2e-%d", namespaceSeq.Add(1))
	namespaces := typed.NewClient("namespaces", restClient(t, corev1.SchemeGroupVersion, rest.ContentTypeJSON), nil, "",
		func() *corev1.Namespace { return &corev1.Namespace{} }, func() *corev1.NamespaceList { return &corev1.NamespaceList{} })
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if _, err := namespaces.Create(context.Background(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create namespace %s: %v", name, err)
	}
	t.Cleanup(func() { _ = namespaces.Delete(context.Background(), name, metav1.DeleteOptions{}) })
	return name
}

func newTracker(t testing.TB) *fake.Tracker {
	t.Helper()
	tr, err := fake.NewTracker(scheme)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func fakeConfigMaps(tr *fake.Tracker, ns string) configMapClient {
	return fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("configmaps"), corev1.SchemeGroupVersion.WithKind("ConfigMap"), ns,
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}
