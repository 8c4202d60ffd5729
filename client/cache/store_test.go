package cache

import (
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func keys(objs []*corev1.ConfigMap) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = MetaNamespaceKey(o)
	}
	slices.Sort(out)
	return out
}

func TestSplitKey(t *testing.T) {
	tests := []struct {
		key, ns, name string
		wantErr       bool
	}{
		{key: "a/b", ns: "a", name: "b"},
		{key: "node-1", name: "node-1"},
		{key: "", wantErr: true},
		{key: "a/b/c", wantErr: true},
		{key: "/b", wantErr: true},
		{key: "a/", wantErr: true},
	}
	for _, tc := range tests {
		ns, name, err := SplitKey(tc.key)
		if (err != nil) != tc.wantErr || ns != tc.ns || name != tc.name {
			t.Errorf("SplitKey(%q) = %q, %q, %v; want %q, %q, error %v", tc.key, ns, name, err, tc.ns, tc.name, tc.wantErr)
		}
		if err == nil && NamespacedKey(ns, name) != tc.key {
			t.Errorf("NamespacedKey(%q, %q) does not round-trip to %q", ns, name, tc.key)
		}
	}
}

func byApp(obj *corev1.ConfigMap) ([]string, error) {
	if app := obj.Labels["app"]; app != "" {
		return []string{app}, nil
	}
	return nil, nil
}

func seededIndexer(t *testing.T) TypedStore[*corev1.ConfigMap] {
	t.Helper()
	idx := NewTypedStore(TypedIndexers[*corev1.ConfigMap]{"app": byApp})
	for _, c := range []*corev1.ConfigMap{
		cm("a", "one", "1", "app", "web"),
		cm("a", "two", "1", "app", "db"),
		cm("b", "one", "1", "app", "web"),
		cm("", "global", "1"),
	} {
		if err := idx.Add(c); err != nil {
			t.Fatal(err)
		}
	}
	return idx
}

func TestIndexerIndexes(t *testing.T) {
	idx := seededIndexer(t)
	tests := []struct {
		index, value string
		want         []string
	}{
		{NamespaceIndex, "a", []string{"a/one", "a/two"}},
		{NamespaceIndex, "b", []string{"b/one"}},
		{NamespaceIndex, "", []string{"global"}},
		{NamespaceIndex, "none", []string{}},
		{"app", "web", []string{"a/one", "b/one"}},
		{"app", "db", []string{"a/two"}},
	}
	for _, tc := range tests {
		got, err := idx.ByIndex(tc.index, tc.value)
		if err != nil {
			t.Fatal(err)
		}
		if k := keys(got); !slices.Equal(k, tc.want) {
			t.Errorf("ByIndex(%s, %q) = %q, want %q", tc.index, tc.value, k, tc.want)
		}
		gotKeys, _ := idx.IndexKeys(tc.index, tc.value)
		slices.Sort(gotKeys)
		if !slices.Equal(gotKeys, tc.want) {
			t.Errorf("IndexKeys(%s, %q) = %q, want %q", tc.index, tc.value, gotKeys, tc.want)
		}
	}
	if _, err := idx.ByIndex("missing", "x"); err == nil {
		t.Error("ByIndex on an unknown index did not fail")
	}
}

func TestIndexerUpdateAndDeleteMoveIndexEntries(t *testing.T) {
	idx := seededIndexer(t)
	if err := idx.Update(cm("a", "one", "2", "app", "db")); err != nil {
		t.Fatal(err)
	}
	if err := idx.Delete(cm("a", "two", "")); err != nil {
		t.Fatal(err)
	}
	web, _ := idx.ByIndex("app", "web")
	db, _ := idx.ByIndex("app", "db")
	if !slices.Equal(keys(web), []string{"b/one"}) || !slices.Equal(keys(db), []string{"a/one"}) {
		t.Fatalf("after update+delete: web=%q db=%q", keys(web), keys(db))
	}
	values, _ := idx.IndexValues("app")
	if !slices.Equal(values, []string{"db", "web"}) {
		t.Fatalf("IndexValues(app) = %q", values)
	}
	if got, ok := idx.GetByKey("a/one"); !ok || got.ResourceVersion != "2" {
		t.Fatalf("GetByKey(a/one) = %v, %v", got, ok)
	}
	if idx.Len() != 3 {
		t.Fatalf("Len() = %d, want 3", idx.Len())
	}
}

func TestIndexerReplace(t *testing.T) {
	idx := seededIndexer(t)
	if err := idx.Replace([]*corev1.ConfigMap{cm("c", "x", "5", "app", "web")}, "5"); err != nil {
		t.Fatal(err)
	}
	if k := idx.ListKeys(); !slices.Equal(k, []string{"c/x"}) {
		t.Fatalf("keys after Replace = %q", k)
	}
	web, _ := idx.ByIndex("app", "web")
	if !slices.Equal(keys(web), []string{"c/x"}) {
		t.Fatalf("app=web after Replace = %q", keys(web))
	}
}

func TestIndexerFailingIndexFuncLeavesStoreUntouched(t *testing.T) {
	boom := errors.New("boom")
	idx := NewTypedStore(TypedIndexers[*corev1.ConfigMap]{"bad": func(obj *corev1.ConfigMap) ([]string, error) {
		if obj.Name == "bad" {
			return nil, boom
		}
		return []string{"ok"}, nil
	}})
	if err := idx.Add(cm("a", "good", "1")); err != nil {
		t.Fatal(err)
	}
	if err := idx.Add(cm("a", "bad", "1")); !errors.Is(err, boom) {
		t.Fatalf("Add(bad) = %v, want the index error", err)
	}
	if err := idx.Replace([]*corev1.ConfigMap{cm("a", "bad", "2")}, "2"); !errors.Is(err, boom) {
		t.Fatalf("Replace = %v, want the index error", err)
	}
	if k := idx.ListKeys(); !slices.Equal(k, []string{"a/good"}) {
		t.Fatalf("keys = %q, want only a/good", k)
	}
}

func TestIndexerAddIndexersIndexesExistingObjects(t *testing.T) {
	idx := seededIndexer(t)
	byName := func(obj *corev1.ConfigMap) ([]string, error) { return []string{obj.Name}, nil }
	if err := idx.AddIndexers(TypedIndexers[*corev1.ConfigMap]{"name": byName}); err != nil {
		t.Fatal(err)
	}
	got, _ := idx.ByIndex("name", "one")
	if !slices.Equal(keys(got), []string{"a/one", "b/one"}) {
		t.Fatalf("name=one = %q", keys(got))
	}
	if err := idx.AddIndexers(TypedIndexers[*corev1.ConfigMap]{"name": byName}); err == nil {
		t.Fatal("adding an existing index did not fail")
	}
}

func TestLister(t *testing.T) {
	lister := NewLister(seededIndexer(t), schema.GroupResource{Resource: "configmaps"})
	tests := []struct {
		name      string
		namespace string // "*" for the cluster-wide lister
		selector  labels.Selector
		want      []string
	}{
		{"all", "*", labels.Everything(), []string{"a/one", "a/two", "b/one", "global"}},
		{"nil selector", "*", nil, []string{"a/one", "a/two", "b/one", "global"}},
		{"by label", "*", labels.SelectorFromSet(labels.Set{"app": "web"}), []string{"a/one", "b/one"}},
		{"namespace", "a", labels.Everything(), []string{"a/one", "a/two"}},
		{"namespace and label", "a", labels.SelectorFromSet(labels.Set{"app": "db"}), []string{"a/two"}},
		{"empty namespace", "zzz", labels.Everything(), []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []*corev1.ConfigMap
			var err error
			if tc.namespace == "*" {
				got, err = lister.List(tc.selector)
			} else {
				got, err = lister.Namespace(tc.namespace).List(tc.selector)
			}
			if err != nil {
				t.Fatal(err)
			}
			if k := keys(got); !slices.Equal(k, tc.want) {
				t.Fatalf("got %q, want %q", k, tc.want)
			}
		})
	}
}

func TestListerGet(t *testing.T) {
	lister := NewLister(seededIndexer(t), schema.GroupResource{Resource: "configmaps"})
	if got, err := lister.Namespace("b").Get("one"); err != nil || MetaNamespaceKey(got) != "b/one" {
		t.Fatalf("Get(b/one) = %v, %v", got, err)
	}
	if got, err := lister.Get("global"); err != nil || got.Name != "global" {
		t.Fatalf("Get(global) = %v, %v", got, err)
	}
	_, err := lister.Namespace("b").Get("two")
	if !apierrors.IsNotFound(err) {
		t.Fatalf("Get(b/two) error = %v, want NotFound", err)
	}
	if want := `configmaps "two" not found`; err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
}

func TestIndexerLenAndNamespaces(t *testing.T) {
	idx := seededIndexer(t)
	steps := []struct {
		name       string
		do         func() error
		len        int
		namespaces []string
	}{
		{"seeded", func() error { return nil }, 4, []string{"", "a", "b"}},
		{"update keeps count", func() error { return idx.Update(cm("a", "one", "9")) }, 4, []string{"", "a", "b"}},
		{"delete last of namespace b", func() error { return idx.Delete(cm("b", "one", "")) }, 3, []string{"", "a"}},
		{"delete unknown", func() error { return idx.Delete(cm("z", "none", "")) }, 3, []string{"", "a"}},
		{"replace with a duplicate key", func() error {
			return idx.Replace([]*corev1.ConfigMap{cm("c", "x", "1"), cm("c", "x", "2"), cm("d", "y", "1")}, "2")
		}, 2, []string{"c", "d"}},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		values, _ := idx.IndexValues(NamespaceIndex)
		if idx.Len() != s.len || len(idx.List()) != s.len || !slices.Equal(values, s.namespaces) {
			t.Fatalf("%s: Len %d, List %d, namespaces %q; want %d and %q", s.name, idx.Len(), len(idx.List()), values, s.len, s.namespaces)
		}
	}
	if got, _ := idx.GetByKey("c/x"); got.ResourceVersion != "2" {
		t.Fatalf("duplicate key: kept rv %s, want the last one", got.ResourceVersion)
	}
	if err := idx.AddIndexers(TypedIndexers[*corev1.ConfigMap]{NamespaceIndex: byApp}); err == nil {
		t.Fatal("replacing the namespace index did not fail")
	}
}

// An object stored while AddIndexers runs is in the new index: put computes index values before it
// takes the write lock, and must notice an index added in between.
func TestIndexerPutRacingAddIndexers(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var first sync.Once
	s := newStore(TypedIndexers[*corev1.ConfigMap]{"a": func(obj *corev1.ConfigMap) ([]string, error) {
		first.Do(func() {
			close(entered)
			<-release // holds the read lock of indexValues
		})
		return []string{"x"}, nil
	}})
	put := make(chan error, 1)
	go func() { put <- s.Add(cm("ns", "racer", "1")) }()
	<-entered
	added := make(chan error, 1)
	go func() {
		added <- s.AddIndexers(TypedIndexers[*corev1.ConfigMap]{"b": func(obj *corev1.ConfigMap) ([]string, error) {
			return []string{obj.Name}, nil
		}})
	}()
	// Once AddIndexers waits for the write lock, new readers are refused: then let put go on, so
	// that AddIndexers runs between put's index computation and its write.
	for s.mu.TryRLock() {
		s.mu.RUnlock()
		runtime.Gosched()
	}
	close(release)
	if err := <-added; err != nil {
		t.Fatal(err)
	}
	if err := <-put; err != nil {
		t.Fatal(err)
	}
	got, err := s.ByIndex("b", "racer")
	if err != nil || len(got) != 1 {
		t.Fatalf("index b holds %d objects for racer (%v), want 1", len(got), err)
	}
}
