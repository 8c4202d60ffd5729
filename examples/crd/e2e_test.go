//go:build e2e

package crd_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset/fake"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset/scheme"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/test/cluster"
)

// testCluster is a real etcd + kube-apiserver shared by the package's tests.
var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// TestScenarioFakeMatchesCluster runs the same scenario against the generated fake clientset and
// against a real API server with the CRDs installed, and requires the same observations.
func TestScenarioFakeMatchesCluster(t *testing.T) {
	config := testCluster.AdminConfig()
	installCRDs(t, config)
	ns := createNamespace(t, config, "crd-scenario")

	real, err := clientset.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	fakeCS := fake.NewClientset()
	got := scenario(t, real, ns)
	want := scenario(t, fakeCS, ns)
	if len(got) != len(want) {
		t.Fatalf("cluster observed %d steps, fake %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("step %d:\n  cluster: %s\n  fake:    %s", i, got[i], want[i])
		}
	}
	t.Logf("observations:\n  %s", strings.Join(got, "\n  "))
}

// installCRDs creates the CRDs of manifests/ and waits until the API server serves them.
func installCRDs(t *testing.T, config *rest.Config) {
	t.Helper()
	c := *rest.CopyConfig(config)
	c.GroupVersion = &schema.GroupVersion{Group: "apiextensions.k8s.io", Version: "v1"}
	c.APIPath = "/apis"
	c.NegotiatedSerializer = scheme.Codecs.WithoutConversion()
	client, err := rest.RESTClientFor(&c)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("manifests/*.yaml")
	if err != nil || len(files) != 2 {
		t.Fatalf("manifests: %v %v", files, err)
	}
	ctx := context.Background()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		body, err := yaml.YAMLToJSON(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		_, err = client.Post().Resource("customresourcedefinitions").SetHeader("Content-Type", "application/json").Body(body).DoRaw(ctx)
		if err != nil {
			t.Fatalf("creating the CRD of %s: %v", f, err)
		}
	}
	waitServed(t, config)
}

// waitServed waits until both CRDs answer a list.
func waitServed(t *testing.T, config *rest.Config) {
	t.Helper()
	cs, err := clientset.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err1 := cs.StableV1().CronTabs("default").List(context.Background(), metav1.ListOptions{})
		_, err2 := cs.StableV1().Calendars().List(context.Background(), metav1.ListOptions{})
		if err1 == nil && err2 == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("CRDs not served after 30s: %v; %v", err1, err2)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func createNamespace(t *testing.T, config *rest.Config, prefix string) string {
	t.Helper()
	kube, err := kubernetes.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := kube.CoreV1().Namespaces().Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: prefix + "-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(fmt.Errorf("creating a namespace: %w", err))
	}
	return ns.Name
}
