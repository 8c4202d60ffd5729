package cache

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/labels"
)

func TestGenericInformer(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{Resource: configMaps})
	h.run(t)
	h.lw.answerList(t, cmList("1", cm("a", "x", "1", "app", "web"), cm("a", "y", "1"), cm("", "global", "1")))
	h.lw.answerWatch(t)
	eventually(t, "synced", h.inf.HasSynced)

	g := Generic(h.inf)
	if g.Informer() != Informer(h.inf) {
		t.Fatal("Informer() is not the wrapped informer")
	}
	all, err := g.Lister().List(labels.Everything())
	if err != nil || len(all) != 3 {
		t.Fatalf("List = %d objects, %v", len(all), err)
	}
	web, _ := g.Lister().ByNamespace("a").List(labels.SelectorFromSet(labels.Set{"app": "web"}))
	if len(web) != 1 || web[0].(*corev1.ConfigMap).Name != "x" {
		t.Fatalf("a, app=web = %v", web)
	}
	if obj, err := g.Lister().Get("global"); err != nil || obj.(*corev1.ConfigMap).Name != "global" {
		t.Fatalf("Get(global) = %v, %v", obj, err)
	}
	if obj, err := g.Lister().ByNamespace("a").Get("z"); !apierrors.IsNotFound(err) || obj != nil {
		t.Fatalf("Get(a/z) = %v, %v; want nil and NotFound", obj, err)
	}
}
