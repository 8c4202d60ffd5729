package cache

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

type informerHarness struct {
	lw     *scriptedLW
	inf    *TypedInformer[*corev1.ConfigMap]
	cancel context.CancelFunc
	done   chan struct{}
}

func newInformerHarness(t *testing.T, opts InformerOptions) *informerHarness {
	t.Helper()
	lw := newScriptedLW()
	if opts.Backoff == (Backoff{}) {
		opts.Backoff = fastBackoff
	}
	if opts.WatchErrorHandler == nil {
		opts.WatchErrorHandler = func(error) {}
	}
	// The harness scripts list-then-watch; TestInformerSyncsWithWatchListByDefault covers the default.
	opts.NoWatchList = true
	return &informerHarness{lw: lw, inf: NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, opts), done: make(chan struct{})}
}

func (h *informerHarness) run(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		defer close(h.done)
		h.inf.RunWithContext(ctx)
	}()
	t.Cleanup(h.stop)
}

func (h *informerHarness) stop() {
	h.cancel()
	<-h.done
}

func addHandler(t *testing.T, inf *TypedInformer[*corev1.ConfigMap], h TypedResourceEventHandler[*corev1.ConfigMap]) *Registration[*corev1.ConfigMap] {
	t.Helper()
	reg, err := inf.AddTypedEventHandler(h)
	if err != nil {
		t.Fatal(err)
	}
	return reg.(*Registration[*corev1.ConfigMap])
}

func TestInformerDeliversEventsInOrder(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	rec := newRecorder()
	reg := addHandler(t, h.inf, rec)
	h.run(t)
	h.lw.answerList(t, cmList("10", cm("a", "x", "5")))
	w, _ := h.lw.answerWatch(t)
	w.Add(cm("a", "y", "11"))
	w.Modify(cm("a", "x", "12"))
	w.Add(cm("a", "x", "13")) // an ADDED for a known object is an update, never a second add
	w.Add(cm("a", "x", "13")) // a repetition of the same version is no change at all
	w.Delete(cm("a", "y", "14"))
	w.Delete(cm("a", "never-seen", "15"))
	got := rec.waitFor(t, 5)
	want := []string{
		"add a/x@5 initial=true",
		"add a/y@11 initial=false",
		"update a/x@5->12",
		"update a/x@12->13",
		"delete a/y@14",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("events:\n got %q\nwant %q", got, want)
	}
	if !h.inf.HasSynced() || !reg.HasSynced() {
		t.Fatal("informer or registration not synced")
	}
	w.Add(cm("a", "z", "16"))
	if got := rec.waitFor(t, 6); got[5] != "add a/z@16 initial=false" || len(got) != 6 {
		t.Fatalf("deleting an unknown object was reported: %q", got)
	}
}

func TestInformerRelistComputesDeltas(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	rec := newRecorder()
	addHandler(t, h.inf, rec)
	h.run(t)
	h.lw.answerList(t, cmList("10", cm("a", "same", "1"), cm("a", "changed", "2"), cm("a", "gone", "3"), cm("a", "norv", "")))
	w, _ := h.lw.answerWatch(t)
	rec.waitFor(t, 4)
	w.Error(&apierrors.NewResourceExpired("too old resource version").ErrStatus)
	h.lw.answerList(t, cmList("20", cm("a", "same", "1"), cm("a", "changed", "17"), cm("a", "new", "18"), cm("a", "norv", "")))
	h.lw.answerWatch(t)
	got := rec.waitFor(t, 8)
	got = got[4:]
	slices.Sort(got)
	// Without a resourceVersion nothing says the object is unchanged: it is reported as updated.
	want := []string{"delete a/gone@3", "update a/changed@2->17", "add a/new@18 initial=false", "update a/norv@->"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("relist events = %q, want %q (no add for a/same, no update for an unchanged object)", got, want)
	}
	keys := h.inf.Store().ListKeys()
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"a/changed", "a/new", "a/norv", "a/same"}) {
		t.Fatalf("cache keys = %q", keys)
	}
}

func TestInformerLateHandlerGetsCurrentStateAsAdds(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	h.run(t)
	h.lw.answerList(t, cmList("10", cm("a", "x", "5"), cm("b", "y", "6")))
	w, _ := h.lw.answerWatch(t)
	if err := WaitForCacheSync(testContext(t), h.inf); err != nil {
		t.Fatal(err)
	}
	late := newRecorder()
	reg := addHandler(t, h.inf, late)
	w.Modify(cm("a", "x", "11"))
	got := late.waitFor(t, 3)
	initial := slices.Clone(got[:2])
	slices.Sort(initial)
	if !slices.Equal(initial, []string{"add a/x@5 initial=true", "add b/y@6 initial=true"}) || got[2] != "update a/x@5->11" {
		t.Fatalf("late handler events = %q", got)
	}
	if err := WaitForCacheSync(testContext(t), reg); err != nil {
		t.Fatalf("late registration: %v", err)
	}
	if !strings.Contains(reg.String(), "handler #1 of ") {
		t.Fatalf("registration name %q", reg.String())
	}
}

func TestInformerSlowHandlerDoesNotBlockOthers(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	release := make(chan struct{})
	var releaseOnce sync.Once
	slow := newRecorder()
	slowReg := addHandler(t, h.inf, TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{
		AddFunc: func(obj *corev1.ConfigMap) {
			<-release
			slow.OnAdd(obj, false)
		},
	})
	fast := newRecorder()
	fastReg := addHandler(t, h.inf, fast)
	h.run(t)
	t.Cleanup(func() { releaseOnce.Do(func() { close(release) }) }) // runs before the informer stops
	h.lw.answerList(t, cmList("1", cm("a", "initial", "1")))
	w := h.lw.answerWatchUnbuffered(t) // would block for good if the slow handler held up the watch
	const n = 1000
	for i := range n {
		w.Add(cm("a", fmt.Sprint(i), fmt.Sprint(i+2)))
	}
	fast.waitFor(t, n+1)
	if len(slow.snapshot()) != 0 {
		t.Fatal("slow handler ran before it was released")
	}
	if !fastReg.HasSynced() || slowReg.HasSynced() {
		t.Fatalf("HasSynced: fast %v (want true), blocked slow %v (want false)", fastReg.HasSynced(), slowReg.HasSynced())
	}
	releaseOnce.Do(func() { close(release) })
	got := slow.waitFor(t, n+1)
	if got[0] != "add a/initial@1 initial=false" {
		t.Fatalf("slow handler first event = %q", got[0])
	}
	for i, e := range got[1:] {
		if want := fmt.Sprintf("add a/%d@%d initial=false", i, i+2); e != want {
			t.Fatalf("slow handler event %d = %q, want %q", i, e, want)
		}
	}
	eventually(t, "slow registration synced", slowReg.HasSynced)
}

func TestInformerRemoveEventHandler(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	removed, kept := newRecorder(), newRecorder()
	reg := addHandler(t, h.inf, removed)
	addHandler(t, h.inf, kept)
	h.run(t)
	h.lw.answerList(t, cmList("1", cm("a", "x", "1")))
	w, _ := h.lw.answerWatch(t)
	removed.waitFor(t, 1)
	if err := h.inf.RemoveEventHandler(reg); err != nil {
		t.Fatal(err)
	}
	if err := h.inf.RemoveEventHandler(reg); err == nil {
		t.Fatal("removing a handler twice did not fail")
	}
	w.Add(cm("a", "y", "2"))
	kept.waitFor(t, 2)
	if got := removed.snapshot(); len(got) != 1 {
		t.Fatalf("removed handler got %q after removal", got[1:])
	}
}

// A handler removed while it has a backlog gets no call after the one in progress returns.
func TestInformerRemovedHandlerDropsItsBacklog(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	entered, release := make(chan struct{}, 1), make(chan struct{})
	rec := newRecorder()
	reg := addHandler(t, h.inf, TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{
		AddFunc: func(obj *corev1.ConfigMap) {
			rec.OnAdd(obj, false)
			select {
			case entered <- struct{}{}:
			default:
			}
			<-release
		},
	})
	h.run(t)
	h.lw.answerList(t, cmList("1", cm("a", "x", "1"), cm("a", "y", "1"), cm("a", "z", "1")))
	h.lw.answerWatch(t)
	<-entered // the first add is in progress, two more are queued
	if err := h.inf.RemoveEventHandler(reg); err != nil {
		t.Fatal(err)
	}
	close(release)
	h.stop() // waits for the handler goroutines to end
	if got := rec.snapshot(); len(got) != 1 {
		t.Fatalf("removed handler got %q, want only the call in progress at removal", got)
	}
}

func TestInformerResync(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{})
	rec := newRecorder()
	if _, err := h.inf.AddTypedEventHandler(rec, HandlerOptions{ResyncPeriod: ptrTo(time.Millisecond)}); err != nil {
		t.Fatal(err)
	}
	quiet := newRecorder()
	addHandler(t, h.inf, quiet)
	h.run(t)
	h.lw.answerList(t, cmList("1", cm("a", "x", "1")))
	h.lw.answerWatch(t)
	got := rec.waitFor(t, 3)
	if got[1] != "update a/x@1->1" || got[2] != "update a/x@1->1" {
		t.Fatalf("resync events = %q", got)
	}
	if got := quiet.snapshot(); len(got) != 1 {
		t.Fatalf("handler without resync got %q", got)
	}
}

func TestInformerTransforms(t *testing.T) {
	withFields := func() *corev1.ConfigMap {
		c := cm("a", "x", "1")
		c.ManagedFields = []metav1.ManagedFieldsEntry{{Manager: "kubectl", Operation: metav1.ManagedFieldsOperationApply}}
		return c
	}
	upper := func(obj Object) { obj.SetName(strings.ToUpper(obj.GetName())) }
	tests := []struct {
		name       string
		opts       InformerOptions
		wantKey    string
		wantFields int
	}{
		{"managed fields dropped by default", InformerOptions{}, "a/x", 0},
		{"managed fields kept on request", InformerOptions{KeepManagedFields: true}, "a/x", 1},
		{"custom transform after dropping", InformerOptions{Transform: upper}, "a/X", 0},
		{"custom transform keeping fields", InformerOptions{Transform: upper, KeepManagedFields: true}, "a/X", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newInformerHarness(t, tc.opts)
			h.run(t)
			h.lw.answerList(t, cmList("1", withFields()))
			h.lw.answerWatch(t)
			eventually(t, "synced", h.inf.HasSynced)
			got, ok := h.inf.Store().GetByKey(tc.wantKey)
			if !ok {
				t.Fatalf("no %s in %q", tc.wantKey, h.inf.Store().ListKeys())
			}
			if len(got.ManagedFields) != tc.wantFields {
				t.Fatalf("%d managedFields entries, want %d", len(got.ManagedFields), tc.wantFields)
			}
		})
	}
}

func TestInformerLister(t *testing.T) {
	h := newInformerHarness(t, InformerOptions{Resource: configMaps})
	h.run(t)
	h.lw.answerList(t, cmList("1", cm("a", "x", "1", "app", "web"), cm("a", "y", "1"), cm("b", "x", "1", "app", "web")))
	h.lw.answerWatch(t)
	eventually(t, "synced", h.inf.HasSynced)
	web, _ := h.inf.Lister().Namespace("a").List(labels.SelectorFromSet(labels.Set{"app": "web"}))
	if k := keys(web); !slices.Equal(k, []string{"a/x"}) {
		t.Fatalf("a, app=web = %q", k)
	}
	if _, err := h.inf.Lister().Namespace("b").Get("y"); !apierrors.IsNotFound(err) {
		t.Fatalf("Get(b/y) = %v, want NotFound", err)
	}
}

func TestWaitForCacheSyncSaysWhichAndWhy(t *testing.T) {
	ok := newInformerHarness(t, InformerOptions{Name: "configmaps in ok"})
	denied := newInformerHarness(t, InformerOptions{Name: "configmaps in secret-ns"})
	ok.run(t)
	denied.run(t)
	ok.lw.answerList(t, cmList("1"))
	ok.lw.answerWatch(t)
	forbidden := apierrors.NewForbidden(configMaps, "", errors.New(`User "bob" cannot list resource "configmaps" in namespace "secret-ns"`))
	denied.lw.expectList(t).reply <- listReply{err: forbidden}
	eventually(t, "error recorded", func() bool { return denied.inf.LastSyncError() != nil })

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := WaitForCacheSync(ctx, ok.inf, denied.inf)
	var syncErr *SyncError
	if !errors.As(err, &syncErr) || len(syncErr.Unsynced) != 1 || syncErr.Unsynced[0].Name != "configmaps in secret-ns" {
		t.Fatalf("error = %v, want a SyncError naming only the denied informer", err)
	}
	if !apierrors.IsForbidden(err) || !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v does not unwrap to Forbidden and context.Canceled", err)
	}
	if !strings.Contains(err.Error(), `cannot list resource "configmaps"`) {
		t.Fatalf("error %q does not say why", err)
	}
	if err := WaitForCacheSync(testContext(t), ok.inf); err != nil {
		t.Fatalf("synced informer: %v", err)
	}
}

func TestInformerRunStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()
	h := newInformerHarness(t, InformerOptions{})
	for range 3 {
		addHandler(t, h.inf, newRecorder())
	}
	h.run(t)
	h.lw.answerList(t, cmList("1", cm("a", "x", "1")))
	h.lw.answerWatch(t)
	eventually(t, "synced", h.inf.HasSynced)
	h.stop()
	if !h.inf.IsStopped() {
		t.Fatal("IsStopped() = false after Run returned")
	}
	if _, err := h.inf.AddTypedEventHandler(newRecorder()); !errors.Is(err, ErrInformerStopped) {
		t.Fatalf("AddEventHandler after stop = %v, want ErrInformerStopped", err)
	}
	eventually(t, "goroutines back to the count before", func() bool { return runtime.NumGoroutine() <= before })
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	t.Cleanup(cancel)
	return ctx
}
