package cache

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/kubegen/kubegen/client/internal/allocgate"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// benchConfigMap looks like a ConfigMap created through the API: uid, timestamps, labels, a
// managedFields entry and about 1 KiB of data.
func benchConfigMap(ns string, i int) *corev1.ConfigMap {
	name := "cm-" + strconv.Itoa(i)
	return &corev1.ConfigMap{
		TypeMeta: metav1.TypeMeta{Kind: "ConfigMap", APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{
			Namespace:         ns,
			Name:              name,
			UID:               types.UID(fmt.Sprintf("6f1d2c3b-0000-4000-8000-%012d", i)),
			ResourceVersion:   strconv.Itoa(1000 + i),
			CreationTimestamp: metav1.NewTime(time.Unix(1_700_000_000, 0)),
			Labels:            map[string]string{"app": "bench", "shard": strconv.Itoa(i % 10)},
			ManagedFields: []metav1.ManagedFieldsEntry{{
				Manager:    "bench",
				Operation:  metav1.ManagedFieldsOperationUpdate,
				APIVersion: "v1",
				Time:       &metav1.Time{Time: time.Unix(1_700_000_000, 0)},
				FieldsType: "FieldsV1",
				FieldsV1:   &metav1.FieldsV1{Raw: []byte(`{"f:data":{".":{},"f:payload":{}},"f:metadata":{"f:labels":{".":{},"f:app":{},"f:shard":{}}}}`)},
			}},
		},
		Data: map[string]string{"payload": strings.Repeat(strconv.Itoa(i%10), 1024)},
	}
}

// memoryLW serves a fixed set of objects in pages of JSON that every List decodes again, so that
// the cache holds fresh objects sharing nothing with the source, as with a real client. Its watch
// stays open without events.
type memoryLW struct {
	n     int
	pages map[string][]byte // continue token -> encoded page of 500
}

func newMemoryLW(n int) *memoryLW {
	lw := &memoryLW{n: n, pages: map[string][]byte{}}
	for start := 0; start < n; start += 500 {
		l := &corev1.ConfigMapList{ListMeta: metav1.ListMeta{ResourceVersion: "999999"}}
		if end := min(n, start+500); end < n {
			l.Continue = strconv.Itoa(end)
			remaining := int64(n - end)
			l.RemainingItemCount = &remaining
		}
		for i := start; i < min(n, start+500); i++ {
			l.Items = append(l.Items, *benchConfigMap("bench", i))
		}
		data, err := json.Marshal(l)
		if err != nil {
			panic(err)
		}
		token := ""
		if start > 0 {
			token = strconv.Itoa(start)
		}
		lw.pages[token] = data
	}
	return lw
}

// List serves pages of a multiple of 500 objects (the reflector's first page is 500, later ones
// may be larger), each 500 decoded from its own JSON.
func (m *memoryLW) List(_ context.Context, opts metav1.ListOptions) (*corev1.ConfigMapList, error) {
	if opts.Limit <= 0 || opts.Limit%500 != 0 {
		return nil, fmt.Errorf("memoryLW serves pages of a multiple of 500, asked for %d", opts.Limit)
	}
	var l *corev1.ConfigMapList
	for token := opts.Continue; l == nil || (int64(len(l.Items)) < opts.Limit && token != ""); token = l.Continue {
		page := &corev1.ConfigMapList{}
		if err := json.Unmarshal(m.pages[token], page); err != nil {
			return nil, err
		}
		if l != nil {
			page.Items = append(l.Items, page.Items...)
		}
		l = page
	}
	return l, nil
}

func (m *memoryLW) Watch(context.Context, metav1.ListOptions) (watch.Interface, error) {
	return watch.NewEmptyWatch(), nil
}

// BenchmarkInformerSync measures a full informer sync of 20,000 ~1 KiB ConfigMaps from memory, and
// the heap the synced cache keeps in use (MB-heap-inuse, measured after a GC).
func BenchmarkInformerSync(b *testing.B) {
	for _, tc := range []struct {
		name string
		keep bool
	}{{"default", false}, {"keepManagedFields", true}} {
		b.Run(tc.name, func(b *testing.B) {
			lw := newMemoryLW(20000)
			b.ReportAllocs()
			var heap uint64
			for b.Loop() {
				heap = syncOnce(b, lw, tc.keep)
			}
			b.ReportMetric(float64(heap)/1e6, "MB-heap-inuse")
		})
	}
}

// syncOnce syncs an informer over lw (startSynced) and returns the heap its cache holds, timing
// only the sync.
func syncOnce(b *testing.B, lw *memoryLW, keep bool) uint64 {
	b.StopTimer()
	before := allocgate.HeapInUse()
	b.StartTimer()
	inf, stop := startSynced(b, lw, InformerOptions{KeepManagedFields: keep})
	if n := inf.Store().Len(); n != lw.n {
		b.Fatalf("synced %d objects, want %d", n, lw.n)
	}
	b.StopTimer()
	after := allocgate.HeapInUse()
	stop()
	runtime.KeepAlive(inf)
	b.StartTimer()
	return after - min(before, after)
}

func benchIndexer(b *testing.B, n int) (TypedStore[*corev1.ConfigMap], []*corev1.ConfigMap) {
	objs := make([]*corev1.ConfigMap, n)
	for i := range objs {
		objs[i] = benchConfigMap("ns-"+strconv.Itoa(i%20), i)
	}
	idx := NewTypedStore[*corev1.ConfigMap](nil)
	if err := idx.Replace(objs, "1"); err != nil {
		b.Fatal(err)
	}
	return idx, objs
}

func BenchmarkStoreUpdate(b *testing.B) {
	idx, objs := benchIndexer(b, 20000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := idx.Update(objs[i%len(objs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStoreGetByKey(b *testing.B) {
	idx, objs := benchIndexer(b, 20000)
	keys := make([]string, len(objs))
	for i, o := range objs {
		keys[i] = MetaNamespaceKey(o)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := idx.GetByKey(keys[i%len(keys)]); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkStoreReplace(b *testing.B) {
	idx, objs := benchIndexer(b, 20000)
	b.ReportAllocs()
	for b.Loop() {
		if err := idx.Replace(objs, "2"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListerNamespaceSelector(b *testing.B) {
	idx, _ := benchIndexer(b, 20000)
	lister := NewLister(idx, configMaps).Namespace("ns-3")
	sel := labels.SelectorFromSet(labels.Set{"shard": "3"})
	b.ReportAllocs()
	for b.Loop() {
		got, _ := lister.List(sel)
		if len(got) != 1000 {
			b.Fatalf("got %d, want 1000", len(got))
		}
	}
}

// BenchmarkInformerWatchEvents pushes MODIFIED events through a synced informer with two handlers
// and reports how many events per second reach both of them (each event is a fresh DeepCopy, as
// a decoder would produce).
func BenchmarkInformerWatchEvents(b *testing.B) {
	const objects = 1000
	events := make(chan watch.Event, 1024)
	lw := ListWatchFuncs[*corev1.ConfigMapList]{
		ListFunc: func(context.Context, metav1.ListOptions) (*corev1.ConfigMapList, error) {
			l := &corev1.ConfigMapList{ListMeta: metav1.ListMeta{ResourceVersion: "1"}}
			for i := range objects {
				l.Items = append(l.Items, *benchConfigMap("bench", i))
			}
			return l, nil
		},
		WatchFunc: func(context.Context, metav1.ListOptions) (watch.Interface, error) {
			return watch.NewProxyWatcher(events), nil
		},
	}
	inf := NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, InformerOptions{})
	seen := make(chan struct{}, 2)
	var counts [2]int
	for h := range counts {
		_, _ = inf.AddTypedEventHandler(TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{UpdateFunc: func(_, _ *corev1.ConfigMap) {
			if counts[h]++; counts[h] == b.N {
				seen <- struct{}{}
			}
		}})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go inf.RunWithContext(ctx)
	if err := WaitForCacheSync(ctx, inf); err != nil {
		b.Fatal(err)
	}
	updates := make([]*corev1.ConfigMap, objects)
	for i := range updates {
		updates[i] = benchConfigMap("bench", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		obj := updates[i%objects].DeepCopy()
		obj.ResourceVersion = strconv.Itoa(10 + i)
		events <- watch.Event{Type: watch.Modified, Object: obj}
	}
	<-seen
	<-seen
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
