package generatedtest

import (
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"

	examplev1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1"
	"github.com/kubegen/kubegen/client-gen/testdata/golden/versioned"
	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/informer-gen/testdata/golden/informers"
	informersv1 "github.com/kubegen/kubegen/informer-gen/testdata/golden/informers/example/v1"
	listersv1 "github.com/kubegen/kubegen/lister-gen/testdata/golden/listers/example/v1"
)

// These tests use the generated informers as code written against client-go does: untyped
// handlers, stop channels, cache.SharedIndexInformer and cache.Indexer values. Each line is
// client-go's form; only the import paths are kubegen's.

// events records handler calls as text, safe for concurrent use.
type events struct {
	mu  sync.Mutex
	got []string
}

func (e *events) add(s string) {
	e.mu.Lock()
	e.got = append(e.got, s)
	e.mu.Unlock()
}

func (e *events) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.got)
}

func TestClientGoStyleController(t *testing.T) {
	cs := newFake(t, widget("a", "one", 1, nil))
	factory := informers.NewSharedInformerFactory(cs, time.Minute)
	widgetInformer := factory.Example().V1().Widgets()
	var seen events
	_, err := widgetInformer.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(obj interface{}) {
			w := obj.(*examplev1.Widget)
			seen.add("add " + w.Name)
		},
		UpdateFunc: func(old, new interface{}) {
			oldW, newW := old.(*examplev1.Widget), new.(*examplev1.Widget)
			if oldW.ResourceVersion != newW.ResourceVersion {
				seen.add("update " + newW.Name)
			}
		},
		DeleteFunc: func(obj interface{}) {
			key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
			if err == nil {
				seen.add("delete " + key)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var synced cache.InformerSynced = widgetInformer.Informer().HasSynced
	lister := widgetInformer.Lister()

	stopCh := make(chan struct{})
	defer factory.Shutdown()
	defer close(stopCh)
	factory.Start(stopCh)
	want := map[reflect.Type]bool{reflect.TypeOf(&examplev1.Widget{}): true}
	if got := factory.WaitForCacheSync(stopCh); !reflect.DeepEqual(got, want) {
		t.Fatalf("WaitForCacheSync = %v, want %v", got, want)
	}
	if !cache.WaitForNamedCacheSync("widgets", stopCh, synced) {
		t.Fatal("WaitForNamedCacheSync = false after the factory synced")
	}

	ctx := t.Context()
	w, err := cs.ExampleV1().Widgets("a").Get(ctx, "one", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w.Spec.Replicas = 2
	if _, err := cs.ExampleV1().Widgets("a").Update(ctx, w, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := cs.ExampleV1().Widgets("a").Delete(ctx, "one", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "three events", func() bool { return len(seen.list()) == 3 })
	if got := seen.list(); !slices.Equal(got, []string{"add one", "update one", "delete a/one"}) {
		t.Fatalf("events %q", got)
	}
	if all, err := lister.List(labels.Everything()); err != nil || len(all) != 0 {
		t.Fatalf("lister after the delete: %d widgets, %v", len(all), err)
	}
}

// TestUntypedConstructors builds an informer with New<Kind>Informer from the clientset and
// untyped indexers, runs it with a stop channel and reads it through GetIndexer and a lister
// made by New<Kind>Lister(cache.Indexer).
func TestUntypedConstructors(t *testing.T) {
	var client versioned.Interface = newFake(t,
		widget("a", "web", 1, map[string]string{"tier": "web"}),
		widget("b", "db", 1, map[string]string{"tier": "db"}))
	byTier := cache.Indexers{"tier": func(obj interface{}) ([]string, error) {
		return []string{obj.(*examplev1.Widget).Labels["tier"]}, nil
	}}
	var informer cache.SharedIndexInformer = informersv1.NewWidgetInformer(client, "", 0, byTier)
	stopCh := make(chan struct{})
	defer close(stopCh)
	go informer.Run(stopCh)
	if !cache.WaitForNamedCacheSync("widgets", stopCh, informer.HasSynced) {
		t.Fatal("not synced")
	}
	web, err := informer.GetIndexer().ByIndex("tier", "web")
	if err != nil || len(web) != 1 || web[0].(*examplev1.Widget).Name != "web" {
		t.Fatalf("ByIndex(tier, web) = %v, %v", web, err)
	}
	lister := listersv1.NewWidgetLister(informer.GetIndexer())
	if got, err := lister.Widgets("b").Get("db"); err != nil || got.Name != "db" {
		t.Fatalf("lister Get = %v, %v", got, err)
	}

	filtered := informersv1.NewFilteredWidgetInformer(client, "a", 0, cache.Indexers{}, func(o *metav1.ListOptions) {
		o.LabelSelector = "tier=web"
	})
	go filtered.Run(stopCh)
	if !cache.WaitForNamedCacheSync("filtered", stopCh, filtered.HasSynced) {
		t.Fatal("not synced")
	}
	if keys := filtered.GetStore().ListKeys(); !slices.Equal(keys, []string{"a/web"}) {
		t.Fatalf("filtered informer holds %q", keys)
	}
}

// TestHandListerOverNewIndexer fills a cache.NewIndexer by hand, as controller unit tests do, and
// reads it through a generated lister.
func TestHandListerOverNewIndexer(t *testing.T) {
	indexer := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	for _, w := range []*examplev1.Widget{widget("a", "x", 1, nil), widget("a", "y", 1, nil), widget("b", "z", 1, nil)} {
		if err := indexer.Add(w); err != nil {
			t.Fatal(err)
		}
	}
	lister := listersv1.NewWidgetLister(indexer)
	inA, err := lister.Widgets("a").List(labels.Everything())
	if err != nil || names(inA) != "a/x,a/y" {
		t.Fatalf("Widgets(a).List = %q, %v", names(inA), err)
	}
}

// TestFactoryInformerFor registers an informer through the untyped InformerFor, as client-go code
// does for a filtered informer; the typed accessor then hands out that same informer.
func TestFactoryInformerFor(t *testing.T) {
	cs := newFake(t, widget("a", "web", 1, map[string]string{"tier": "web"}), widget("a", "db", 1, nil))
	factory := informers.NewFilteredSharedInformerFactory(cs, 0, "a", nil)
	custom := factory.InformerFor(&examplev1.Widget{}, func(c versioned.Interface, resync time.Duration) cache.SharedIndexInformer {
		return informersv1.NewFilteredWidgetInformer(c, "a", resync, cache.Indexers{}, func(o *metav1.ListOptions) { o.LabelSelector = "tier" })
	})
	if got := factory.Example().V1().Widgets().Informer(); got != custom {
		t.Fatal("the accessor made a second informer beside InformerFor's")
	}
	started(t, factory)
	all, _ := factory.Example().V1().Widgets().Lister().List(labels.Everything())
	if names(all) != "a/web" {
		t.Fatalf("lister lists %q, want a/web", names(all))
	}
}

// TestFactoryClientGoOptions: WithCustomResyncConfig and WithInformerName reach the informers.
func TestFactoryClientGoOptions(t *testing.T) {
	name, err := cache.NewInformerName("my-controller")
	if err != nil {
		t.Fatal(err)
	}
	defer name.Release()
	var periods []time.Duration
	factory := informers.NewSharedInformerFactoryWithOptions(newFake(t), time.Hour,
		informers.WithInformerName(name),
		informers.WithCustomResyncConfig(map[metav1.Object]time.Duration{&examplev1.Widget{}: time.Minute}))
	factory.InformerFor(&examplev1.Widget{}, func(c versioned.Interface, resync time.Duration) cache.SharedIndexInformer {
		periods = append(periods, resync)
		return informersv1.NewWidgetInformer(c, "", resync, nil)
	})
	factory.InformerFor(&examplev1.Gauge{}, func(c versioned.Interface, resync time.Duration) cache.SharedIndexInformer {
		periods = append(periods, resync)
		return informersv1.NewGaugeInformer(c, "", resync, nil)
	})
	if !slices.Equal(periods, []time.Duration{time.Minute, time.Hour}) {
		t.Fatalf("resync periods %v, want the custom minute for widgets and the default hour", periods)
	}
	if factory.InformerName() != name {
		t.Fatal("InformerName lost")
	}
	if got := factory.Example().V1().Policies().TypedInformer().String(); got != "my-controller: policies.example.kubegen.io" {
		t.Fatalf("informer named %q", got)
	}
	if _, err := factory.ForResource(schema.GroupVersionResource{Group: "example.kubegen.io", Version: "v1", Resource: "policies"}); err != nil {
		t.Fatal(err)
	}
}
