package cache_test

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/cache"
)

// staticLW lists fixed ConfigMaps and then watches a stream that never sends anything.
func staticLW(items ...corev1.ConfigMap) cache.ListWatchFuncs[*corev1.ConfigMapList] {
	return cache.ListWatchFuncs[*corev1.ConfigMapList]{
		ListFunc: func(context.Context, metav1.ListOptions) (*corev1.ConfigMapList, error) {
			return &corev1.ConfigMapList{ListMeta: metav1.ListMeta{ResourceVersion: "1"}, Items: items}, nil
		},
		WatchFunc: func(context.Context, metav1.ListOptions) (watch.Interface, error) {
			return watch.NewFake(), nil
		},
	}
}

func configMap(ns, name string, lbls map[string]string) corev1.ConfigMap {
	return corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: lbls, ResourceVersion: "1"}}
}

// TestGenericInformer erases the type of a synced informer and reads its cache through the
// generic lister: lists with selectors, per namespace, NotFound as a nil interface.
func TestGenericInformer(t *testing.T) {
	inf := cache.NewSharedIndexInformer[*corev1.ConfigMap](staticLW(
		configMap("a", "one", map[string]string{"app": "x"}),
		configMap("a", "two", nil),
		configMap("b", "one", map[string]string{"app": "x"}),
	), cache.InformerOptions[*corev1.ConfigMap]{Resource: schema.GroupResource{Resource: "configmaps"}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go inf.Run(ctx)
	waitCtx, waitCancel := context.WithTimeout(ctx, 20*time.Second)
	defer waitCancel()
	g := cache.NewGenericInformer(inf)
	if err := cache.WaitForCacheSync(waitCtx, g.Informer()); err != nil {
		t.Fatal(err)
	}
	if g.Informer() != cache.Informer(inf) {
		t.Errorf("Informer() is not the informer it erases")
	}
	sel := labels.SelectorFromSet(labels.Set{"app": "x"})
	tests := []struct {
		name string
		list func() ([]runtime.Object, error)
		want int
	}{
		{"all", func() ([]runtime.Object, error) { return g.Lister().List(labels.Everything()) }, 3},
		{"selector", func() ([]runtime.Object, error) { return g.Lister().List(sel) }, 2},
		{"namespace", func() ([]runtime.Object, error) { return g.Lister().ByNamespace("a").List(nil) }, 2},
		{"namespace and selector", func() ([]runtime.Object, error) { return g.Lister().ByNamespace("a").List(sel) }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			objs, err := tc.list()
			if err != nil || len(objs) != tc.want {
				t.Fatalf("got %d objects, %v; want %d", len(objs), err, tc.want)
			}
			for _, o := range objs {
				if _, ok := o.(*corev1.ConfigMap); !ok {
					t.Errorf("object %T, want *v1.ConfigMap", o)
				}
			}
		})
	}
	got, err := g.Lister().ByNamespace("b").Get("one")
	if err != nil || got.(*corev1.ConfigMap).Namespace != "b" {
		t.Errorf("Get(b/one) = %v, %v", got, err)
	}
	missing, err := g.Lister().ByNamespace("b").Get("two")
	if !apierrors.IsNotFound(err) || missing != nil {
		t.Errorf("Get(b/two) = %#v, %v; want nil and NotFound", missing, err)
	}
	if _, err := g.Lister().Get("one"); !apierrors.IsNotFound(err) {
		t.Errorf("cluster-scoped Get of a namespaced object: %v, want NotFound", err)
	}
}
