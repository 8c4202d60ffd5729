package cache

import (
	"maps"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// checkTable fails unless t holds exactly the objects of want, each found by its name.
func checkTable(t *testing.T, step string, tab *nameTable[*corev1.ConfigMap], want map[string]*corev1.ConfigMap) {
	t.Helper()
	if tab.len() != len(want) {
		t.Fatalf("%s: len %d, want %d", step, tab.len(), len(want))
	}
	seen := map[string]*corev1.ConfigMap{}
	for obj := range tab.all {
		if _, dup := seen[obj.Name]; dup {
			t.Fatalf("%s: %s yielded twice", step, obj.Name)
		}
		seen[obj.Name] = obj
	}
	if !maps.Equal(seen, want) {
		t.Fatalf("%s: all yields %d objects, not the %d stored", step, len(seen), len(want))
	}
	for name, obj := range want {
		if got, ok := tab.get(name); !ok || got != obj {
			t.Fatalf("%s: get(%q) = %v, %v; want the stored object", step, name, got, ok)
		}
	}
	if len(tab.tags) > 0 && tab.count*8 > len(tab.tags)*maxLoad8 {
		t.Fatalf("%s: %d objects in %d slots, over the load limit", step, tab.count, len(tab.tags))
	}
}

// The table behaves as a map from name to object through random puts, replacements and removes,
// growing and shrinking (removal shifts probe runs back: every remaining object is still found).
func TestNameTableAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tab := newNameTable[*corev1.ConfigMap](1)
	want := map[string]*corev1.ConfigMap{}
	names := make([]string, 3000)
	for i := range names {
		names[i] = "cm-" + strconv.Itoa(i)
	}
	for step := range 40000 {
		name := names[rng.IntN(len(names))]
		if step > 20000 {
			name = names[rng.IntN(200)] // then mostly removes, down to a small table
		}
		switch op := rng.IntN(10); {
		case op < 5 && step <= 20000, op < 1:
			obj := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}}
			old, replaced := tab.put(obj)
			if prev, ok := want[name]; ok != replaced || (ok && old != prev) {
				t.Fatalf("step %d: put(%q) replaced %v %v, want %v %v", step, name, old, replaced, prev, ok)
			}
			want[name] = obj
		default:
			old, ok := tab.remove(name)
			if prev, had := want[name]; ok != had || old != prev {
				t.Fatalf("step %d: remove(%q) = %v, %v; want %v, %v", step, name, old, ok, prev, had)
			}
			delete(want, name)
		}
		if step%997 == 0 {
			checkTable(t, "step "+strconv.Itoa(step), tab, want)
		}
	}
	for name := range want {
		tab.remove(name)
		delete(want, name)
	}
	checkTable(t, "emptied", tab, want)
	if len(tab.tags) > 8 {
		t.Errorf("an emptied table keeps %d slots", len(tab.tags))
	}
	if _, ok := tab.get("cm-1"); ok {
		t.Error("an emptied table finds an object")
	}
}

// A nil table (a namespace without objects) is empty.
func TestNameTableNil(t *testing.T) {
	var tab *nameTable[*corev1.ConfigMap]
	if _, ok := tab.get("x"); ok || tab.len() != 0 || tab.find("x") != -1 {
		t.Fatal("a nil table is not empty")
	}
	for range tab.all {
		t.Fatal("a nil table yields")
	}
}

// The store keeps fewer bytes per object than a map[string]T would.
func TestNameTableMemory(t *testing.T) {
	const n = 20000
	objs := make([]*corev1.ConfigMap, n)
	for i := range objs {
		objs[i] = &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cm-" + strconv.Itoa(i)}}
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	tab := newNameTable[*corev1.ConfigMap](1)
	for _, o := range objs {
		tab.put(o)
	}
	tableBytes := heap() - before
	m := map[string]*corev1.ConfigMap{}
	for _, o := range objs {
		m[o.Name] = o
	}
	mapBytes := heap() - before - tableBytes
	runtime.KeepAlive(tab)
	runtime.KeepAlive(m)
	t.Logf("per object: table %.1f bytes, map %.1f", float64(tableBytes)/n, float64(mapBytes)/n)
	if tableBytes*2 > mapBytes {
		t.Errorf("table %d bytes, map %d: want at most half", tableBytes, mapBytes)
	}
}
