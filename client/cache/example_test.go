package cache_test

import (
	"context"
	"fmt"
	"slices"
	"sync"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/cache"
)

// staticConfigMaps stands in for a typed or fake client: it lists two ConfigMaps and then watches
// one more being added.
func staticConfigMaps() cache.ListerWatcher[*corev1.ConfigMapList] {
	return cache.ListWatchFuncs[*corev1.ConfigMapList]{
		ListFunc: func(context.Context, metav1.ListOptions) (*corev1.ConfigMapList, error) {
			return &corev1.ConfigMapList{
				ListMeta: metav1.ListMeta{ResourceVersion: "10"},
				Items: []corev1.ConfigMap{
					{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web", ResourceVersion: "7", Labels: map[string]string{"tier": "front"}}},
					{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "db", ResourceVersion: "9"}},
				},
			}, nil
		},
		WatchFunc: func(context.Context, metav1.ListOptions) (watch.Interface, error) {
			w := watch.NewRaceFreeFake()
			w.Add(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "cache", ResourceVersion: "11", Labels: map[string]string{"tier": "front"}}})
			return w, nil
		},
	}
}

// An informer keeps a cache in sync and tells handlers about changes; a lister reads the cache.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	informer := cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](staticConfigMaps(), cache.InformerOptions{
		Resource: schema.GroupResource{Resource: "configmaps"},
	})
	var mu sync.Mutex
	var added []string
	seenAll := make(chan struct{})
	_, _ = informer.AddTypedEventHandler(cache.TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{
		AddFunc: func(cm *corev1.ConfigMap) {
			mu.Lock()
			defer mu.Unlock()
			if added = append(added, cm.Name); len(added) == 3 {
				close(seenAll)
			}
		},
	})
	go informer.RunWithContext(ctx)
	if err := cache.WaitForCacheSync(ctx, informer); err != nil {
		fmt.Println(err)
		return
	}
	<-seenAll

	front, _ := informer.Lister().Namespace("prod").List(labels.SelectorFromSet(labels.Set{"tier": "front"}))
	var names []string
	for _, cm := range front { // cached objects: read, never modify
		names = append(names, cm.Name)
	}
	slices.Sort(names)
	fmt.Println("tier=front:", names)
	_, err := informer.Lister().Namespace("prod").Get("missing")
	fmt.Println(err)
	// Output:
	// tier=front: [cache web]
	// configmaps "missing" not found
}

// A Factory hands out one shared informer per type; generated informer factories wrap it.
func ExampleFactory() {
	factory := cache.NewFactory(cache.InformerOptions{Namespace: "prod"})
	defer factory.Shutdown()
	newConfigMapInformer := func(o cache.InformerOptions) *cache.TypedInformer[*corev1.ConfigMap] {
		o.Resource = schema.GroupResource{Resource: "configmaps"}
		return cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](staticConfigMaps(), o)
	}
	a := cache.InformerFor(factory, newConfigMapInformer)
	b := cache.InformerFor(factory, newConfigMapInformer)
	fmt.Println("shared:", a == b, "name:", a)

	stopCh := make(chan struct{})
	defer close(stopCh)
	factory.Start(stopCh)
	fmt.Println("synced:", factory.WaitForCacheSync(stopCh))
	// Output:
	// shared: true name: configmaps in namespace prod
	// synced: map[*v1.ConfigMap:true]
}

// Custom indexes find objects by any computed value.
func ExampleNewTypedStore() {
	byTier := func(cm *corev1.ConfigMap) ([]string, error) { return []string{cm.Labels["tier"]}, nil }
	idx := cache.NewTypedStore(cache.TypedIndexers[*corev1.ConfigMap]{"tier": byTier})
	_ = idx.Add(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "a", Name: "x", Labels: map[string]string{"tier": "front"}}})
	_ = idx.Add(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "b", Name: "y", Labels: map[string]string{"tier": "back"}}})
	keys, _ := idx.IndexKeys("tier", "front")
	inB, _ := idx.IndexKeys(cache.NamespaceIndex, "b")
	fmt.Println(keys, inB)
	// Output: [a/x] [b/y]
}
