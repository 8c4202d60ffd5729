//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/kubernetes/informers"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// waitLimit bounds every wait so that a bug fails instead of hanging; it is never asserted on.
const waitLimit = time.Minute

func adminClientset(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func newNamespace(t *testing.T, cs kubernetes.Interface) string {
	t.Helper()
	ns, err := cs.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "informers-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cs.CoreV1().Namespaces().Delete(context.Background(), ns.Name, metav1.DeleteOptions{}) })
	return ns.Name
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBlessedInformers: a namespaced factory over the real apiserver syncs ConfigMaps created
// before it started, its listers filter by label, and a Deployment's create, update and delete
// reach the cache, also as seen through ForResource.
func TestBlessedInformers(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*waitLimit)
	defer cancel()
	cs := adminClientset(t)
	ns := newNamespace(t, cs)
	other := newNamespace(t, cs)
	for i := range 30 {
		tier := []string{"web", "db", "cache"}[i%3]
		for _, n := range []string{ns, other} {
			cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("cm-%02d", i), Labels: map[string]string{"tier": tier}}}
			if _, err := cs.CoreV1().ConfigMaps(n).Create(ctx, cm, metav1.CreateOptions{}); err != nil {
				t.Fatal(err)
			}
		}
	}

	factory := informers.NewSharedInformerFactoryWithOptions(cs, 0, informers.WithNamespace(ns))
	configMaps := factory.Core().V1().ConfigMaps()
	deployments := factory.Apps().V1().Deployments()
	configMaps.Informer()
	var deleted atomic.Int32
	if _, err := deployments.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		DeleteFunc: func(obj interface{}) {
			if d, ok := obj.(*appsv1.Deployment); ok && d.Name == "web" {
				deleted.Add(1)
			}
		},
	}); err != nil {
		t.Fatal(err)
	}
	defer factory.Shutdown()
	factory.Start(ctx.Done()) // client-go's forms: a stop channel, a map of synced types
	synced := factory.WaitForCacheSync(ctx.Done())
	if len(synced) != 2 || !synced[reflect.TypeOf(&corev1.ConfigMap{})] || !synced[reflect.TypeOf(&appsv1.Deployment{})] {
		t.Fatalf("WaitForCacheSync = %v, want ConfigMaps and Deployments synced", synced)
	}

	all, err := configMaps.Lister().List(labels.Everything())
	if err != nil || len(all) != 30 {
		t.Fatalf("synced cache holds %d ConfigMaps, %v; want the 30 of namespace %s only", len(all), err, ns)
	}
	web, err := configMaps.Lister().ConfigMaps(ns).List(labels.SelectorFromSet(labels.Set{"tier": "web"}))
	if err != nil || len(web) != 10 {
		t.Errorf("tier=web lists %d, %v; want 10", len(web), err)
	}

	replicas := int32(1)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "registry.example/web:1"}}},
			},
		},
	}
	created, err := cs.AppsV1().Deployments(ns).Create(ctx, d, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lister := deployments.Lister().Deployments(ns)
	eventually(t, "the new Deployment in the cache", func() bool {
		got, err := lister.Get("web")
		return err == nil && got.ResourceVersion == created.ResourceVersion
	})

	replicas = 3
	created.Spec.Replicas = &replicas
	updated, err := cs.AppsV1().Deployments(ns).Update(ctx, created, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the update in the cache", func() bool {
		got, err := lister.Get("web")
		return err == nil && got.ResourceVersion == updated.ResourceVersion && *got.Spec.Replicas == 3
	})
	generic, err := factory.ForResource(appsv1.SchemeGroupVersion.WithResource("deployments"))
	if err != nil {
		t.Fatal(err)
	}
	if obj, err := generic.Lister().ByNamespace(ns).Get("web"); err != nil || obj.(*appsv1.Deployment).ResourceVersion != updated.ResourceVersion {
		t.Errorf("ForResource lister: %v, %v", obj, err)
	}

	if err := cs.AppsV1().Deployments(ns).Delete(ctx, "web", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the delete in the cache", func() bool {
		_, err := lister.Get("web")
		return apierrors.IsNotFound(err)
	})
	eventually(t, "the delete at the untyped handler", func() bool { return deleted.Load() == 1 })
}

// TestSyncErrorWithoutRBAC: a user with no RBAC bindings cannot list; WaitForCacheSync fails
// naming the informer, with the Forbidden error from the server.
func TestSyncErrorWithoutRBAC(t *testing.T) {
	cfg, err := testCluster.Config(cluster.Auth{User: cluster.Limited, Credential: cluster.CertInline, Trust: cluster.CAInline})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	factory := informers.NewSharedInformerFactory(cs, 0)
	secrets := factory.Core().V1().Secrets().TypedInformer()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer factory.Shutdown()
	factory.StartWithContext(ctx)
	eventually(t, "the first failed list", func() bool { return secrets.LastSyncError() != nil })
	waitCtx, waitCancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer waitCancel()
	err = factory.WaitForCacheSyncWithContext(waitCtx).Err
	if err == nil {
		t.Fatal("WaitForCacheSync succeeded for a user who may not list secrets")
	}
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), "secrets") {
		t.Errorf("error %q: want Forbidden, naming the secrets informer", err)
	}
}
