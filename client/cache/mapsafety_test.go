package cache

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// Issue 10 item 1: with default options every cached object owns its label and annotation maps,
// so a handler that (wrongly) mutates one cached object damages that object only: every other
// cached object and every selector List stays as it was.
func TestCachedObjectsDoNotShareMutableMaps(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	h.run(t)
	objs := []*corev1.ConfigMap{cm("n", "a", "1", "app", "web"), cm("n", "b", "1", "app", "web"), cm("n", "c", "1", "app", "web")}
	for _, o := range objs {
		o.Annotations = map[string]string{"owner": "team-a"}
	}
	h.lw.answerList(t, cmList("1", objs[0], objs[1]))
	w, _ := h.lw.answerWatch(t)
	w.Add(objs[2]) // one object arrives by watch, the others by list
	eventually(t, "three objects cached", func() bool { return h.inf.Store().Len() == 3 })

	mutated, _ := h.inf.Store().GetByKey("n/a")
	mutated.Labels["app"] = "x"
	mutated.Labels["extra"] = "y"
	mutated.Annotations["owner"] = "team-b"

	for _, key := range []string{"n/b", "n/c"} {
		o, _ := h.inf.Store().GetByKey(key)
		if len(o.Labels) != 1 || o.Labels["app"] != "web" || len(o.Annotations) != 1 || o.Annotations["owner"] != "team-a" {
			t.Errorf("%s changed with n/a: labels %v, annotations %v", key, o.Labels, o.Annotations)
		}
	}
	lister := h.inf.Lister()
	for _, tc := range []struct {
		selector string
		want     int
	}{{"app=web", 2}, {"app=x", 1}, {"extra=y", 1}, {"app", 3}, {"", 3}} {
		sel, err := labels.Parse(tc.selector)
		if err != nil {
			t.Fatal(err)
		}
		all, _ := lister.List(sel)
		inNS, _ := lister.Namespace("n").List(sel)
		if len(all) != tc.want || len(inNS) != tc.want {
			t.Errorf("List(%q) = %d objects, in namespace n %d; want %d", tc.selector, len(all), len(inNS), tc.want)
		}
	}
}

// A handler that (wrongly) renames a cached object must not cost the cache its bookkeeping: the
// store keys objects by the name they were stored under, so the server's later delete still
// removes that object, and every other object stays reachable by key.
func TestRenamedCachedObjectStillDeletes(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	h.run(t)
	var objs []*corev1.ConfigMap
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		objs = append(objs, cm("n", name, "1", "app", "web"))
	}
	h.lw.answerList(t, cmList("1", objs...))
	w, _ := h.lw.answerWatch(t)
	eventually(t, "eight objects cached", func() bool { return h.inf.Store().Len() == 8 })

	renamed, _ := h.inf.Store().GetByKey("n/c")
	renamed.Name = "renamed"

	w.Delete(cm("n", "c", "2", "app", "web"))
	w.Delete(cm("n", "a", "2", "app", "web"))
	eventually(t, "the renamed object deleted by the server's delete", func() bool { return h.inf.Store().Len() == 6 })
	for _, key := range []string{"n/b", "n/d", "n/e", "n/f", "n/g", "n/h"} {
		if _, ok := h.inf.Store().GetByKey(key); !ok {
			t.Errorf("%s is no longer reachable after n/c was renamed in the cache", key)
		}
	}
}
