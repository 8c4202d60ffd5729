package cache

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// The informer satisfies client-go's interfaces; a change that breaks one fails to compile here.
var (
	_ SharedIndexInformer                         = (*TypedInformer[*corev1.ConfigMap])(nil)
	_ TypedSharedIndexInformer[*corev1.ConfigMap] = (*TypedInformer[*corev1.ConfigMap])(nil)
	_ Indexer                                     = (*indexerView[*corev1.ConfigMap])(nil)
)

// TestUntypedHandlerGetsEvents adds a handler the client-go way (ResourceEventHandlerFuncs of
// interface{} functions) and checks every kind of event reaches it with the cached *ConfigMap.
func TestUntypedHandlerGetsEvents(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	var inf SharedIndexInformer = h.inf
	rec := newRecorder()
	reg, err := inf.AddEventHandler(ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { rec.OnAdd(obj.(*corev1.ConfigMap), false) },
		UpdateFunc: func(old, obj any) { rec.OnUpdate(old.(*corev1.ConfigMap), obj.(*corev1.ConfigMap)) },
		DeleteFunc: func(obj any) { rec.OnDelete(obj.(*corev1.ConfigMap)) },
	})
	if err != nil {
		t.Fatal(err)
	}
	h.run(t)
	h.lw.answerList(t, cmList("10", cm("a", "x", "5")))
	w, _ := h.lw.answerWatch(t)
	w.Modify(cm("a", "x", "12"))
	w.Delete(cm("a", "x", "13"))
	want := []string{"add a/x@5 initial=false", "update a/x@5->12", "delete a/x@13"}
	if got := rec.waitFor(t, 3); !slices.Equal(got, want) {
		t.Fatalf("events:\n got %q\nwant %q", got, want)
	}
	eventually(t, "registration synced", reg.HasSynced)
	if err := inf.RemoveEventHandler(reg); err != nil {
		t.Fatal(err)
	}
	if err := inf.RemoveEventHandler(fakeRegistration{}); err == nil {
		t.Fatal("RemoveEventHandler accepted a foreign registration")
	}
}

type fakeRegistration struct{}

func (fakeRegistration) HasSynced() bool { return true }

func TestAddHandlerAfterStopIsNilRegistration(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	h.run(t)
	h.stop()
	h.cancel = func() {}
	h.done = closedChan()
	reg, err := h.inf.AddEventHandler(ResourceEventHandlerFuncs{})
	if !errors.Is(err, ErrInformerStopped) || reg != nil {
		t.Fatalf("AddEventHandler on a stopped informer = %v, %v; want a nil registration and ErrInformerStopped", reg, err)
	}
}

func closedChan() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

func TestGetIndexerReadsAndIndexesTheCache(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	byTier := func(obj any) ([]string, error) { return []string{obj.(*corev1.ConfigMap).Labels["tier"]}, nil }
	if err := h.inf.AddIndexers(Indexers{"tier": byTier}); err != nil {
		t.Fatal(err)
	}
	h.run(t)
	h.lw.answerList(t, cmList("10", cm("a", "x", "5", "tier", "front"), cm("b", "y", "6", "tier", "front"), cm("b", "z", "7", "tier", "back")))
	h.lw.answerWatch(t)
	eventually(t, "synced", h.inf.HasSynced)
	idx := h.inf.GetIndexer()
	obj, ok, err := idx.GetByKey("b/y")
	if err != nil || !ok || obj.(*corev1.ConfigMap).ResourceVersion != "6" {
		t.Fatalf("GetByKey = %v, %v, %v", obj, ok, err)
	}
	same, err := idx.Index("tier", cm("q", "q", "", "tier", "front"))
	if err != nil || len(same) != 2 {
		t.Fatalf("Index(tier) = %d objects, %v; want 2", len(same), err)
	}
	inB, err := idx.ByIndex(NamespaceIndex, "b")
	if err != nil || len(inB) != 2 {
		t.Fatalf("ByIndex(namespace, b) = %d objects, %v", len(inB), err)
	}
	if got := idx.ListIndexFuncValues("tier"); !slices.Equal(got, []string{"back", "front"}) {
		t.Fatalf("ListIndexFuncValues = %q", got)
	}
	if _, ok := idx.GetIndexers()[NamespaceIndex]; !ok {
		t.Fatal("GetIndexers lacks the namespace index")
	}
	if err := idx.Add(&corev1.Secret{}); err == nil {
		t.Fatal("a ConfigMap cache took a Secret")
	}
	if got := len(h.inf.GetStore().List()); got != 3 {
		t.Fatalf("GetStore().List() has %d objects", got)
	}
}

func TestSetTransform(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	err := h.inf.SetTransform(func(obj any) (any, error) {
		c := obj.(*corev1.ConfigMap)
		if c.Name == "bad" {
			return nil, errors.New("refused")
		}
		c.Data = map[string]string{"seen": "yes"}
		return c, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h.run(t)
	h.lw.answerList(t, cmList("10", cm("a", "x", "5"), cm("a", "bad", "6")))
	h.lw.answerWatch(t)
	eventually(t, "synced", h.inf.HasSynced)
	if x, _ := h.inf.Store().GetByKey("a/x"); x.Data["seen"] != "yes" {
		t.Fatal("transform not applied")
	}
	if bad, ok := h.inf.Store().GetByKey("a/bad"); !ok || bad.Data != nil {
		t.Fatal("an object the transform failed on is not cached as it came")
	}
	if err := h.inf.SetTransform(nil); err == nil {
		t.Fatal("SetTransform after Run succeeded")
	}
}

// TestFactoryClientGoForms drives a Factory the client-go way: the untyped InformerFor with a
// custom resync, Start(stopCh), WaitForCacheSync(stopCh) reporting per type.
func TestFactoryClientGoForms(t *testing.T) {
	lw := newScriptedLW()
	f := NewFactory(InformerOptions{
		NoWatchList:       true,
		WatchErrorHandler: func(error) {},
		CustomResync:      map[reflect.Type]time.Duration{reflect.TypeOf(&corev1.ConfigMap{}): 7 * time.Second},
	})
	defer f.Shutdown()
	var gotResync time.Duration
	newFunc := func(resync time.Duration) SharedIndexInformer {
		gotResync = resync
		return NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, InformerOptions{NoWatchList: true, ResyncPeriod: resync, Resource: configMaps})
	}
	var obj runtime.Object = &corev1.ConfigMap{}
	inf := f.InformerFor(obj, newFunc)
	if again := f.InformerFor(obj, newFunc); again != inf || gotResync != 7*time.Second {
		t.Fatalf("InformerFor: shared %v, resync %v", again == inf, gotResync)
	}
	typed := InformerFor(f, func(InformerOptions) *TypedInformer[*corev1.ConfigMap] {
		t.Fatal("the typed InformerFor made a second informer")
		return nil
	})
	if SharedIndexInformer(typed) != inf {
		t.Fatal("the typed InformerFor returned another informer")
	}
	stopCh := make(chan struct{})
	f.Start(stopCh)
	lw.answerList(t, cmList("1", cm("a", "x", "1")))
	lw.answerWatch(t)
	want := map[reflect.Type]bool{reflect.TypeOf(&corev1.ConfigMap{}): true}
	if got := f.WaitForCacheSync(stopCh); !reflect.DeepEqual(got, want) {
		t.Fatalf("WaitForCacheSync = %v, want %v", got, want)
	}
	close(stopCh)
	eventually(t, "informer stopped by stopCh", inf.IsStopped)
}

func TestFactoryWaitForCacheSyncReportsUnsynced(t *testing.T) {
	f := NewFactory(InformerOptions{NoWatchList: true, WatchErrorHandler: func(error) {}})
	defer f.Shutdown()
	lw := newScriptedLW()
	InformerFor(f, func(o InformerOptions) *TypedInformer[*corev1.ConfigMap] {
		o.Resource = configMaps
		return NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, o)
	})
	stopCh := make(chan struct{})
	f.Start(stopCh)
	lw.expectList(t) // never answered
	close(stopCh)
	want := map[reflect.Type]bool{reflect.TypeOf(&corev1.ConfigMap{}): false}
	if got := f.WaitForCacheSync(stopCh); !reflect.DeepEqual(got, want) {
		t.Fatalf("WaitForCacheSync = %v, want %v", got, want)
	}
	var se *SyncError
	if res := f.WaitForCacheSyncWithContext(canceledContext()); !errors.As(res.Err, &se) || len(se.Unsynced) != 1 {
		t.Fatalf("WaitForCacheSyncWithContext error = %v", res.Err)
	}
}

func TestNewIndexerFeedsAReader(t *testing.T) {
	idx := NewIndexer(MetaNamespaceKeyFunc, Indexers{NamespaceIndex: MetaNamespaceIndexFunc})
	for _, o := range []any{cm("a", "x", "1"), cm("b", "y", "2"), &corev1.Secret{}} {
		if err := idx.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	r := ReaderOf[*corev1.ConfigMap](idx)
	if _, ok := r.(convertingReader[*corev1.ConfigMap]); !ok {
		t.Fatalf("ReaderOf a mixed indexer is %T", r)
	}
	inB, err := r.ByIndex(NamespaceIndex, "b")
	if err != nil || len(inB) != 1 || inB[0].Name != "y" {
		t.Fatalf("ByIndex = %v, %v", inB, err)
	}
	if got := len(r.List()); got != 2 {
		t.Fatalf("List() = %d ConfigMaps, want 2 (the Secret skipped)", got)
	}
	h := newInformerHarness(t, InformerOptions{})
	if r := ReaderOf[*corev1.ConfigMap](h.inf.GetIndexer()); r != Reader[*corev1.ConfigMap](h.inf.store) {
		t.Fatalf("ReaderOf an informer's indexer is %T, not its typed store", r)
	}
}

func canceledContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
