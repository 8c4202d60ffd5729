package generatedtest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"

	examplev1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1"
	"github.com/kubegen/kubegen/client-gen/testdata/golden/versioned/fake"
	clientfake "github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/informer-gen/testdata/golden/informers"
)

// waitLimit bounds every wait, so that a bug fails the test instead of hanging it; never asserted on.
const waitLimit = 20 * time.Second

func widget(ns, name string, replicas int32, lbls map[string]string) *examplev1.Widget {
	return &examplev1.Widget{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: lbls},
		Spec:       examplev1.WidgetSpec{Replicas: replicas},
	}
}

func newFake(t *testing.T, objects ...runtime.Object) *fake.Clientset {
	t.Helper()
	cs := fake.NewClientset(objects...)
	return cs
}

// started starts the factory and waits for its caches; it shuts the factory down after the test.
func started(t *testing.T, f informers.SharedInformerFactory) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() {
		cancel()
		f.Shutdown()
	})
	f.Start(ctx.Done())
	waitCtx, waitCancel := context.WithTimeout(ctx, waitLimit)
	defer waitCancel()
	if res := f.WaitForCacheSyncWithContext(waitCtx); res.Err != nil {
		t.Fatal(res.Err)
	}
	return ctx
}

// eventually polls cond until it holds, failing the test after waitLimit.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func names(ws []*examplev1.Widget) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Namespace+"/"+w.Name)
	}
	slices.Sort(out)
	return strings.Join(out, ",")
}

// TestFactoryOverFakeClientset runs a generated informer against the generated fake clientset:
// it syncs the existing objects, its lister lists them, and it follows creates, updates and
// deletes made through the clientset.
func TestFactoryOverFakeClientset(t *testing.T) {
	cs := newFake(t, widget("a", "one", 1, nil), widget("b", "two", 2, nil))
	f := informers.NewSharedInformerFactory(cs, 0)
	widgets := f.Example().V1().Widgets()
	widgets.Informer() // request it before Start
	ctx := started(t, f)

	lister := widgets.Lister()
	all, err := lister.List(labels.Everything())
	if err != nil || names(all) != "a/one,b/two" {
		t.Fatalf("after sync the lister lists %q, %v; want a/one,b/two", names(all), err)
	}

	created, err := cs.ExampleV1().Widgets("a").Create(ctx, widget("a", "three", 3, nil), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the created widget in the cache", func() bool {
		w, err := lister.Widgets("a").Get("three")
		return err == nil && w.ResourceVersion == created.ResourceVersion
	})

	created.Spec.Replicas = 30
	updated, err := cs.ExampleV1().Widgets("a").Update(ctx, created, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the update in the cache", func() bool {
		w, err := lister.Widgets("a").Get("three")
		return err == nil && w.ResourceVersion == updated.ResourceVersion && w.Spec.Replicas == 30
	})

	if err := cs.ExampleV1().Widgets("b").Delete(ctx, "two", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the delete in the cache", func() bool {
		_, err := lister.Widgets("b").Get("two")
		return apierrors.IsNotFound(err)
	})
	all, _ = lister.List(labels.Everything())
	if names(all) != "a/one,a/three" {
		t.Errorf("lister lists %q, want a/one,a/three", names(all))
	}
}

// TestInformersAreShared checks that every accessor and ForResource hand out the same informer.
func TestInformersAreShared(t *testing.T) {
	f := informers.NewSharedInformerFactory(newFake(t), 0)
	a := f.Example().V1().Widgets().Informer()
	b := f.Example().V1().Widgets().Informer()
	g, err := f.ForResource(schema.GroupVersionResource{Group: "example.kubegen.io", Version: "v1", Resource: "widgets"})
	if err != nil {
		t.Fatal(err)
	}
	if a != b || g.Informer() != a {
		t.Errorf("the factory made more than one Widget informer")
	}
}

// TestForResource lists through the type-erased informer, rejects resources the clientset does
// not serve, and serves every version of a group.
func TestForResource(t *testing.T) {
	cs := newFake(t, &examplev1.Policy{ObjectMeta: metav1.ObjectMeta{Name: "p"}})
	f := informers.NewSharedInformerFactory(cs, 0)
	g, err := f.ForResource(schema.GroupVersionResource{Group: "example.kubegen.io", Version: "v1", Resource: "policies"})
	if err != nil {
		t.Fatal(err)
	}
	started(t, f)
	obj, err := g.Lister().Get("p")
	if p, ok := obj.(*examplev1.Policy); err != nil || !ok || p.Name != "p" {
		t.Errorf("generic Get(p) = %#v, %v", obj, err)
	}
	for _, gvr := range []schema.GroupVersionResource{
		{Group: "example.kubegen.io", Version: "v1", Resource: "reviews"}, // create-only: no informer
		{Group: "example.kubegen.io", Version: "v2", Resource: "widgets"}, // no such version
		{Group: "apps", Version: "v1", Resource: "deployments"},
	} {
		if g, err := f.ForResource(gvr); err == nil || g != nil || !strings.Contains(err.Error(), gvr.String()) {
			t.Errorf("ForResource(%v) = %v, %v; want an error naming the resource", gvr, g, err)
		}
	}
	// The clientset holds every version of the group (--clientset-all-versions), so the factory does.
	beta := schema.GroupVersionResource{Group: "example.kubegen.io", Version: "v1beta1", Resource: "widgets"}
	if g, err := f.ForResource(beta); err != nil || g == nil {
		t.Errorf("ForResource(%v) = %v, %v; want the v1beta1 Widget informer", beta, g, err)
	}
}

// TestFactoryOptions checks that WithNamespace, WithTweakListOptions and WithTransform reach the
// informers.
func TestFactoryOptions(t *testing.T) {
	objects := []runtime.Object{
		widget("a", "web", 1, map[string]string{"tier": "web"}),
		widget("a", "db", 1, map[string]string{"tier": "db"}),
		widget("b", "web", 1, map[string]string{"tier": "web"}),
	}
	tests := []struct {
		name    string
		options []informers.SharedInformerOption
		want    string
	}{
		{"no options", nil, "a/db,a/web,b/web"},
		{"namespace", []informers.SharedInformerOption{informers.WithNamespace("a")}, "a/db,a/web"},
		{"tweak", []informers.SharedInformerOption{informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.LabelSelector = "tier=web"
		})}, "a/web,b/web"},
		{"both", []informers.SharedInformerOption{informers.WithNamespace("b"), informers.WithTweakListOptions(func(o *metav1.ListOptions) {
			o.LabelSelector = "tier=web"
		})}, "b/web"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := informers.NewSharedInformerFactoryWithOptions(newFake(t, objects...), 0, tc.options...)
			lister := f.Example().V1().Widgets().Lister()
			started(t, f)
			all, err := lister.List(labels.Everything())
			if err != nil || names(all) != tc.want {
				t.Errorf("lister lists %q, %v; want %q", names(all), err, tc.want)
			}
		})
	}
}

// TestTransform checks that a factory transform edits objects before they are cached.
func TestTransform(t *testing.T) {
	f := informers.NewSharedInformerFactoryWithOptions(newFake(t, widget("a", "w", 1, map[string]string{"big": "x"})), 0,
		informers.WithTransform(func(obj interface{}) (interface{}, error) {
			obj.(*examplev1.Widget).SetLabels(nil)
			return obj, nil
		}))
	lister := f.Example().V1().Widgets().Lister()
	started(t, f)
	w, err := lister.Widgets("a").Get("w")
	if err != nil || w.Labels != nil {
		t.Errorf("cached widget %v, %v; want its labels dropped", w, err)
	}
}

// TestWaitForCacheSyncNamesTheInformer makes listing and watching forbidden: the wait fails naming the
// informer that did not sync and carrying the Forbidden error.
func TestWaitForCacheSyncNamesTheInformer(t *testing.T) {
	cs := newFake(t)
	gr := schema.GroupResource{Group: "example.kubegen.io", Resource: "gauges"}
	cs.Tracker().PrependReactor("list", "gauges", func(clientfake.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewForbidden(gr, "", fmt.Errorf("RBAC says no"))
	})
	// Informers sync with a watch-list by default: RBAC denies the watch too, as it would.
	cs.Tracker().PrependWatchReactor("gauges", func(clientfake.Action) (bool, watch.Interface, error) {
		return true, nil, apierrors.NewForbidden(gr, "", fmt.Errorf("RBAC says no"))
	})
	f := informers.NewSharedInformerFactory(cs, 0)
	f.Example().V1().Gauges().Informer()
	f.Example().V1().Widgets().Informer()
	ctx, cancel := context.WithCancel(context.Background())
	defer f.Shutdown()
	defer cancel()
	f.StartWithContext(ctx)
	// Widgets sync; Gauges never can. Wait for the first failed list so the error carries it.
	eventually(t, "the forbidden list", func() bool { return f.Example().V1().Gauges().TypedInformer().LastSyncError() != nil })
	eventually(t, "the widgets to sync", f.Example().V1().Widgets().Informer().HasSynced)
	waitCtx, waitCancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer waitCancel()
	res := f.WaitForCacheSyncWithContext(waitCtx)
	err := res.Err
	if err == nil {
		t.Fatal("WaitForCacheSync succeeded with listing forbidden")
	}
	if !strings.Contains(err.Error(), "gauges.example.kubegen.io") || strings.Contains(err.Error(), "widgets") {
		t.Errorf("error %q should name the gauges informer only", err)
	}
	if !apierrors.IsForbidden(err) {
		t.Errorf("error %q does not carry the Forbidden cause", err)
	}
	if len(res.Synced) != 2 || res.Synced[reflect.TypeOf(&examplev1.Gauge{})] || !res.Synced[reflect.TypeOf(&examplev1.Widget{})] {
		t.Errorf("Synced = %v, want gauges false and widgets true", res.Synced)
	}
}

// TestClusterScopedInNamespacedFactory: a factory limited to one namespace still caches every
// object of a cluster-scoped kind, and does not name its informer after the namespace.
func TestClusterScopedInNamespacedFactory(t *testing.T) {
	cs := newFake(t, &examplev1.Policy{ObjectMeta: metav1.ObjectMeta{Name: "p"}}, &examplev1.Policy{ObjectMeta: metav1.ObjectMeta{Name: "q"}})
	f := informers.NewSharedInformerFactoryWithOptions(cs, 0, informers.WithNamespace("a"))
	policies := f.Example().V1().Policies()
	policies.Informer()
	started(t, f)
	all, err := policies.Lister().List(labels.Everything())
	if err != nil || len(all) != 2 {
		t.Errorf("lister lists %d policies, %v; want 2", len(all), err)
	}
	if name := policies.TypedInformer().String(); strings.Contains(name, "namespace") {
		t.Errorf("cluster-scoped informer named %q", name)
	}
}
