//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"

	"github.com/kubegen/kubegen/client/dynamic"
	"github.com/kubegen/kubegen/client/rest"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/test/cluster"
)

// testCluster is the real etcd + kube-apiserver shared by the package's tests.
var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// crdManifest is the example's CronTab CRD, as a user would apply it.
const crdManifest = "../../manifests/stable.example.com_crontabs.yaml"

// waitLimit bounds every wait for the cluster or the controller; tests never assert on durations.
const waitLimit = 2 * time.Minute

var crdGVR = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

var (
	crdOnce sync.Once
	crdErr  error
)

// installCRD creates the CronTab CRD from its manifest once per test binary and waits until it
// is Established.
func installCRD(t *testing.T) {
	t.Helper()
	crdOnce.Do(func() { crdErr = createCRD(testCluster.AdminConfig()) })
	if crdErr != nil {
		t.Fatal(crdErr)
	}
}

func createCRD(config *rest.Config) error {
	data, err := os.ReadFile(crdManifest)
	if err != nil {
		return err
	}
	crd := &unstructured.Unstructured{}
	if err := yaml.Unmarshal(data, &crd.Object); err != nil {
		return fmt.Errorf("%s: %w", crdManifest, err)
	}
	client, err := dynamic.NewForConfig(config)
	if err != nil {
		return err
	}
	crds := client.Resource(crdGVR)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if _, err := crds.Create(ctx, crd, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("creating the CRD of %s: %w", crdManifest, err)
	}
	return poll(ctx, func() (bool, string) {
		got, err := crds.Get(ctx, crd.GetName(), metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		return established(got), "condition Established is not True"
	})
}

// established reports whether a CRD's condition Established is True.
func established(crd *unstructured.Unstructured) bool {
	conditions, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
	for _, c := range conditions {
		m, ok := c.(map[string]any)
		if ok && m["type"] == "Established" && m["status"] == "True" {
			return true
		}
	}
	return false
}

// poll calls done until it returns true or ctx ends; the error then carries done's last word.
func poll(ctx context.Context, done func() (bool, string)) error {
	for {
		ok, why := done()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %s", ctx.Err(), why)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// createNamespace creates a namespace of its own for a test.
func createNamespace(t *testing.T, prefix string) string {
	t.Helper()
	kube, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	ns, err := kube.CoreV1().Namespaces().Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: prefix + "-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("creating a namespace: %v", err)
	}
	return ns.Name
}

// adminClient returns the example clientset as the cluster's admin.
func adminClient(t *testing.T) clientset.Interface {
	t.Helper()
	cs, err := clientset.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// newCronTab returns a CronTab asking for replicas.
func newCronTab(name string, replicas int32) *stablev1.CronTab {
	return &stablev1.CronTab{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       stablev1.CronTabSpec{CronSpec: "*/5 * * * *", Image: "busybox:1", Replicas: &replicas},
	}
}

// waitConverged waits until namespace holds want CronTabs, read from the server, each with the
// status its spec asks for, and returns them; it fails the test with the last state otherwise.
func waitConverged(t *testing.T, cs clientset.Interface, namespace string, want int) []stablev1.CronTab {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	var items []stablev1.CronTab
	err := poll(ctx, func() (bool, string) {
		list, err := cs.StableV1().CronTabs(namespace).List(ctx, metav1.ListOptions{})
		if err != nil {
			return false, err.Error()
		}
		items = list.Items
		var stale []string
		for i := range items {
			if !controller.UpToDate(&items[i]) {
				stale = append(stale, fmt.Sprintf("%s(spec.replicas=%d status=%+v)", items[i].Name, *items[i].Spec.Replicas, items[i].Status))
			}
		}
		return len(items) == want && len(stale) == 0, fmt.Sprintf("%d CronTabs (want %d), not up to date: %v", len(items), want, stale)
	})
	if err != nil {
		t.Fatalf("the controller did not converge: %v", err)
	}
	return items
}

// scale sets spec.replicas of a CronTab, retrying on conflicts with the controller's writes.
func scale(ctx context.Context, cs clientset.Interface, namespace, name string, replicas int32) error {
	for {
		ct, err := cs.StableV1().CronTabs(namespace).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		ct.Spec.Replicas = &replicas
		_, err = cs.StableV1().CronTabs(namespace).Update(ctx, ct, metav1.UpdateOptions{})
		if !apierrors.IsConflict(err) {
			return err
		}
	}
}
