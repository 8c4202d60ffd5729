package cache

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
)

var configMaps = schema.GroupResource{Resource: "configmaps"}

// reflectorHarness runs a Reflector into an Indexer over a scriptedLW.
type reflectorHarness struct {
	lw     *scriptedLW
	store  TypedStore[*corev1.ConfigMap]
	r      *Reflector[*corev1.ConfigMap]
	errs   chan error
	cancel context.CancelFunc
	done   chan struct{}
}

func startReflector(t *testing.T, opts ReflectorOptions[*corev1.ConfigMap]) *reflectorHarness {
	t.Helper()
	h := &reflectorHarness{lw: newScriptedLW(), store: NewTypedStore[*corev1.ConfigMap](nil), errs: make(chan error, 100), done: make(chan struct{})}
	if opts.Backoff == (Backoff{}) {
		opts.Backoff = fastBackoff
	}
	opts.WatchErrorHandler = func(err error) {
		select {
		case h.errs <- err:
		default:
		}
	}
	h.r = NewReflector[*corev1.ConfigMap](h.lw, h.store, opts)
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		defer close(h.done)
		h.r.Run(ctx)
	}()
	t.Cleanup(h.stop)
	return h
}

func (h *reflectorHarness) stop() {
	h.cancel()
	<-h.done
}

func (h *reflectorHarness) keys() []string {
	k := h.store.ListKeys()
	slices.Sort(k)
	return k
}

func (h *reflectorHarness) waitKeys(t *testing.T, want ...string) {
	t.Helper()
	eventually(t, fmt.Sprintf("store holds %q", want), func() bool { return slices.Equal(h.keys(), want) })
}

func TestReflectorListsThenWatchesFromListResourceVersion(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{})
	opts := h.lw.answerList(t, cmList("10", cm("a", "x", "5"), cm("a", "y", "7")))
	if opts.ResourceVersion != "" || opts.Limit != 500 {
		t.Fatalf("list options = %+v, want a consistent read (rv \"\") with limit 500", opts)
	}
	w, wopts := h.lw.answerWatch(t)
	if wopts.ResourceVersion != "10" || !wopts.AllowWatchBookmarks || wopts.TimeoutSeconds == nil {
		t.Fatalf("watch options = %+v, want rv 10 with bookmarks and a timeout", wopts)
	}
	if *wopts.TimeoutSeconds < 300 || *wopts.TimeoutSeconds >= 600 {
		t.Fatalf("watch timeout = %ds, want within [300, 600)", *wopts.TimeoutSeconds)
	}
	h.waitKeys(t, "a/x", "a/y")
	w.Add(cm("a", "z", "11"))
	w.Modify(cm("a", "x", "12"))
	w.Delete(cm("a", "y", "13"))
	h.waitKeys(t, "a/x", "a/z")
	eventually(t, "rv 13", func() bool { return h.r.LastSyncResourceVersion() == "13" })
	if got, _ := h.store.GetByKey("a/x"); got.ResourceVersion != "12" {
		t.Fatalf("a/x at rv %s, want 12", got.ResourceVersion)
	}
}

func TestReflectorPaginates(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{PageSize: 2})
	first := cmList("20", cm("a", "1", "1"), cm("a", "2", "1"))
	first.Continue = "page2"
	o1 := h.lw.answerList(t, first)
	second := cmList("20", cm("a", "3", "1"))
	o2 := h.lw.answerList(t, second)
	if o1.Limit != 2 || o1.Continue != "" || o2.Limit != 2 || o2.Continue != "page2" {
		t.Fatalf("page options = %+v then %+v", o1, o2)
	}
	_, wopts := h.lw.answerWatch(t)
	if wopts.ResourceVersion != "20" {
		t.Fatalf("watch from %q, want 20", wopts.ResourceVersion)
	}
	h.waitKeys(t, "a/1", "a/2", "a/3")
}

// With the default page size, a list whose first page announces many more objects fetches the
// rest in larger pages (a tenth of the total, at most 5,000); a page size set by the user stays.
func TestReflectorGrowsDefaultPagesOfLargeLists(t *testing.T) {
	tests := []struct {
		name             string
		pageSize         int64
		remaining        int64
		wantFirst, limit int64
	}{
		{"small list", 0, 3000, 500, 500},
		{"20k", 0, 19998, 500, 2000},
		{"100k", 0, 99998, 500, 5000},
		{"user page size", 2, 99998, 2, 2},
		{"user page size above the cap", 8000, 99998, 8000, 8000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{PageSize: tt.pageSize})
			first := cmList("20", cm("a", "1", "1"), cm("a", "2", "1"))
			first.Continue, first.RemainingItemCount = "page2", &tt.remaining
			o1 := h.lw.answerList(t, first)
			second := cmList("20", cm("a", "3", "1"))
			second.Continue = "page3"
			o2 := h.lw.answerList(t, second)
			o3 := h.lw.answerList(t, cmList("20", cm("a", "4", "1")))
			if o1.Limit != tt.wantFirst || o2.Limit != tt.limit || o2.Continue != "page2" || o3.Limit != tt.limit || o3.Continue != "page3" {
				t.Fatalf("page limits %d, %d, %d; want %d, then %d", o1.Limit, o2.Limit, o3.Limit, tt.wantFirst, tt.limit)
			}
			h.lw.answerWatch(t)
			h.waitKeys(t, "a/1", "a/2", "a/3", "a/4")
		})
	}
}

func TestReflectorRestartsPaginationWhenContinueExpires(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{PageSize: 1})
	first := cmList("20", cm("a", "stale", "1"))
	first.Continue = "old"
	h.lw.answerList(t, first)
	c := h.lw.expectList(t)
	c.reply <- listReply{err: apierrors.NewResourceExpired("continue token too old")}
	restart := h.lw.answerList(t, cmList("30", cm("a", "fresh", "25")))
	if restart.Continue != "" || restart.Limit != 1 {
		t.Fatalf("restart options = %+v, want the first page again", restart)
	}
	_, wopts := h.lw.answerWatch(t)
	if wopts.ResourceVersion != "30" {
		t.Fatalf("watch from %q, want 30", wopts.ResourceVersion)
	}
	h.waitKeys(t, "a/fresh")
	select {
	case err := <-h.errs:
		t.Fatalf("an expired continue token was reported as a failure (and backed off): %v", err)
	default:
	}
}

func TestReflectorListsUnpaginatedAfterRepeatedContinueExpiry(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{PageSize: 1})
	for range maxPaginationRestarts {
		first := cmList("20", cm("a", "x", "1"))
		first.Continue = "old"
		if o := h.lw.answerList(t, first); o.Limit != 1 || o.Continue != "" {
			t.Fatalf("first page options = %+v, want limit 1", o)
		}
		h.lw.expectList(t).reply <- listReply{err: apierrors.NewResourceExpired("continue token too old")}
	}
	if o := h.lw.answerList(t, cmList("30", cm("a", "x", "25"))); o.Limit != 0 || o.Continue != "" {
		t.Fatalf("list after %d restarts = %+v, want one without a limit", maxPaginationRestarts, o)
	}
	h.lw.answerWatch(t)
	h.waitKeys(t, "a/x")
}

func TestReflectorResumesDroppedWatchFromLastResourceVersion(t *testing.T) {
	tests := []struct {
		name   string
		events func(w *watch.RaceFreeFakeWatcher)
		wantRV string
	}{
		{"after an event", func(w *watch.RaceFreeFakeWatcher) { w.Add(cm("a", "b", "15")) }, "15"},
		{"after a bookmark", func(w *watch.RaceFreeFakeWatcher) {
			w.Add(cm("a", "b", "15"))
			w.Action(watch.Bookmark, cm("", "", "42"))
		}, "42"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{})
			h.lw.answerList(t, cmList("10"))
			w, _ := h.lw.answerWatch(t)
			tc.events(w)
			w.Stop() // the connection drops
			_, wopts := h.lw.answerWatch(t)
			if wopts.ResourceVersion != tc.wantRV {
				t.Fatalf("resumed from %q, want %q", wopts.ResourceVersion, tc.wantRV)
			}
			if got := h.keys(); !slices.Equal(got, []string{"a/b"}) {
				t.Fatalf("store = %q; a bookmark must not be stored", got)
			}
		})
	}
}

func TestReflectorRelistsOnGone(t *testing.T) {
	tests := []struct {
		name   string
		expire func(t *testing.T, h *reflectorHarness)
	}{
		{"error event 410 Expired", func(t *testing.T, h *reflectorHarness) {
			w, _ := h.lw.answerWatch(t)
			w.Error(&apierrors.NewResourceExpired("too old resource version: 10 (20)").ErrStatus)
		}},
		{"error event 410 Gone", func(t *testing.T, h *reflectorHarness) {
			w, _ := h.lw.answerWatch(t)
			w.Error(&metav1.Status{Status: metav1.StatusFailure, Code: 410, Reason: metav1.StatusReasonGone, Message: "gone"})
		}},
		{"watch call fails with 410", func(t *testing.T, h *reflectorHarness) {
			c := h.lw.expectWatch(t)
			c.reply <- watchReply{err: apierrors.NewGone("too old")}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{})
			h.lw.answerList(t, cmList("10", cm("a", "old", "3")))
			tc.expire(t, h)
			relist := h.lw.answerList(t, cmList("50", cm("a", "new", "44")))
			if relist.ResourceVersion != "" {
				t.Fatalf("relist at rv %q, want a fresh consistent list", relist.ResourceVersion)
			}
			_, wopts := h.lw.answerWatch(t)
			if wopts.ResourceVersion != "50" {
				t.Fatalf("watch after relist from %q, want 50", wopts.ResourceVersion)
			}
			h.waitKeys(t, "a/new")
			if err := <-h.errs; !isExpired(err) {
				t.Fatalf("error handler got %v, want the 410", err)
			}
		})
	}
}

func TestReflectorReportsErrorsAndBacksOff(t *testing.T) {
	h := &reflectorHarness{lw: newScriptedLW(), store: NewTypedStore[*corev1.ConfigMap](nil), errs: make(chan error, 100), done: make(chan struct{})}
	var mu sync.Mutex
	var waits []time.Duration
	h.r = NewReflector[*corev1.ConfigMap](h.lw, h.store, ReflectorOptions[*corev1.ConfigMap]{
		Backoff:           Backoff{Initial: time.Millisecond, Max: 8 * time.Millisecond, Jitter: 0.0001},
		WatchErrorHandler: func(err error) { h.errs <- err },
	})
	h.r.sleep = func(ctx context.Context, d time.Duration) bool {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err() == nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() { defer close(h.done); h.r.Run(ctx) }()
	defer h.stop()

	forbidden := apierrors.NewForbidden(configMaps, "", errors.New(`User "bob" cannot list resource "configmaps"`))
	for range 5 {
		h.lw.expectList(t).reply <- listReply{err: forbidden}
		if err := <-h.errs; !apierrors.IsForbidden(err) {
			t.Fatalf("error handler got %v, want Forbidden", err)
		}
	}
	if !apierrors.IsForbidden(h.r.LastError()) {
		t.Fatalf("LastError() = %v, want Forbidden", h.r.LastError())
	}
	// Watches that end at once without events must back off too: no busy loop.
	h.lw.answerList(t, cmList("1"))
	for range 3 {
		w, _ := h.lw.answerWatch(t)
		w.Stop()
	}
	// An event is progress: the next wait starts again from the initial backoff.
	w, _ := h.lw.answerWatch(t)
	w.Add(cm("a", "b", "2"))
	w.Stop()
	h.lw.answerWatch(t)
	h.stop()
	if h.r.LastError() != nil {
		t.Fatalf("LastError() = %v after progress, want nil", h.r.LastError())
	}

	mu.Lock()
	defer mu.Unlock()
	// 5 list failures + 3 empty watches = 8 waits, doubling up to the 8ms max.
	want := []time.Duration{1, 2, 4, 8, 8, 8, 8, 8}
	if len(waits) != len(want) {
		t.Fatalf("waits = %v, want %d of them", waits, len(want))
	}
	for i, w := range want {
		if waits[i] < w*time.Millisecond || waits[i] > w*time.Millisecond*101/100 {
			t.Fatalf("wait %d = %v, want about %v (all: %v)", i, waits[i], w*time.Millisecond, waits)
		}
	}
}

func TestBackoffJitterStaysInRange(t *testing.T) {
	b := newBackoff(Backoff{Initial: 10 * time.Millisecond, Max: 40 * time.Millisecond})
	for i, base := range []time.Duration{10, 20, 40, 40} {
		d := b.next()
		if d < base*time.Millisecond || d >= 2*base*time.Millisecond {
			t.Fatalf("wait %d = %v, want in [%v, %v)", i, d, base*time.Millisecond, 2*base*time.Millisecond)
		}
	}
	b.reset()
	if d := b.next(); d >= 20*time.Millisecond {
		t.Fatalf("after reset wait = %v, want < 20ms", d)
	}
}

func TestReflectorWatchList(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{UseWatchList: true, Transform: func(c *corev1.ConfigMap) *corev1.ConfigMap {
		c.Data = map[string]string{"seen": "yes"}
		return c
	}})
	c := h.lw.expectWatch(t)
	opts := c.opts
	if opts.SendInitialEvents == nil || !*opts.SendInitialEvents ||
		opts.ResourceVersionMatch != metav1.ResourceVersionMatchNotOlderThan || !opts.AllowWatchBookmarks {
		t.Fatalf("watch-list options = %+v", opts)
	}
	// Unbuffered: once an event is taken, the reflector has finished with the one before it.
	w := watch.NewFakeWithChanSize(0, false)
	c.reply <- watchReply{w: w}
	w.Add(cm("a", "x", "5"))
	w.Action(watch.Bookmark, cm("", "", "8")) // a plain bookmark does not end the initial events
	w.Add(cm("a", "y", "6"))
	if n := h.store.Len(); n != 0 {
		t.Fatalf("store has %d objects before the initial events ended", n)
	}
	end := cm("", "", "9")
	end.Annotations = map[string]string{metav1.InitialEventsAnnotationKey: "true"}
	w.Action(watch.Bookmark, end)
	h.waitKeys(t, "a/x", "a/y")
	for _, c := range h.store.List() {
		if c.Data["seen"] != "yes" {
			t.Fatalf("initial event %s was not transformed", c.Name)
		}
	}
	w.Modify(cm("a", "x", "10"))
	eventually(t, "a/x at rv 10", func() bool {
		got, _ := h.store.GetByKey("a/x")
		return got.ResourceVersion == "10"
	})
	w.Stop()
	_, resume := h.lw.answerWatch(t)
	if resume.ResourceVersion != "10" || resume.SendInitialEvents != nil {
		t.Fatalf("resume options = %+v, want a plain watch from 10", resume)
	}
}

func TestReflectorWatchListFallsBackToList(t *testing.T) {
	tests := []struct {
		name   string
		refuse func(t *testing.T, h *reflectorHarness)
	}{
		{"server rejects the parameters", func(t *testing.T, h *reflectorHarness) {
			h.lw.expectWatch(t).reply <- watchReply{err: apierrors.NewBadRequest("sendInitialEvents is not supported")}
		}},
		{"server ignores sendInitialEvents", func(t *testing.T, h *reflectorHarness) {
			w, _ := h.lw.answerWatch(t)
			w.Add(cm("a", "x", "5"))
			w.Modify(cm("a", "x", "6"))
		}},
		{"watch ends before the initial events", func(t *testing.T, h *reflectorHarness) {
			w, _ := h.lw.answerWatch(t)
			w.Add(cm("a", "x", "5"))
			w.Stop()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{UseWatchList: true})
			tc.refuse(t, h)
			h.lw.answerList(t, cmList("7", cm("a", "listed", "7")))
			w, wopts := h.lw.answerWatch(t)
			if wopts.SendInitialEvents != nil || wopts.ResourceVersion != "7" {
				t.Fatalf("watch after fallback = %+v", wopts)
			}
			h.waitKeys(t, "a/listed")
			// The fallback sticks: a relist after 410 lists again instead of retrying watch-list.
			w.Error(&apierrors.NewResourceExpired("too old resource version").ErrStatus)
			h.lw.answerList(t, cmList("9", cm("a", "relisted", "9")))
			h.waitKeys(t, "a/relisted")
		})
	}
}

func TestReflectorTransform(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{Transform: func(c *corev1.ConfigMap) *corev1.ConfigMap {
		c.Data = map[string]string{"seen": "yes"}
		return c
	}})
	h.lw.answerList(t, cmList("1", cm("a", "listed", "1")))
	w, _ := h.lw.answerWatch(t)
	w.Add(cm("a", "watched", "2"))
	h.waitKeys(t, "a/listed", "a/watched")
	for _, c := range h.store.List() {
		if c.Data["seen"] != "yes" {
			t.Fatalf("%s was not transformed", c.Name)
		}
	}
}

func TestReflectorRejectsWrongEventType(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{})
	h.lw.answerList(t, cmList("1"))
	w, _ := h.lw.answerWatch(t)
	w.Add(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s", ResourceVersion: "2"}})
	if err := <-h.errs; err == nil || !contains(err.Error(), "*v1.Secret") {
		t.Fatalf("error = %v, want one naming the unexpected *v1.Secret", err)
	}
	_, wopts := h.lw.answerWatch(t)
	if wopts.ResourceVersion != "1" {
		t.Fatalf("rewatch from %q, want 1", wopts.ResourceVersion)
	}
}

func TestReflectorStopsOnCancel(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{})
	h.lw.answerList(t, cmList("1"))
	h.lw.answerWatch(t)
	h.cancel()
	select {
	case <-h.done:
	case <-time.After(waitLimit):
		t.Fatal("Run did not return after cancel")
	}
}

func TestReflectorSurvivesNilWatch(t *testing.T) {
	h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{})
	h.lw.answerList(t, cmList("3"))
	h.lw.expectWatch(t).reply <- watchReply{}
	if err := <-h.errs; err == nil || !contains(err.Error(), "no watch and no error") {
		t.Fatalf("error = %v", err)
	}
	_, wopts := h.lw.answerWatch(t)
	if wopts.ResourceVersion != "3" {
		t.Fatalf("retried watch from %q, want 3", wopts.ResourceVersion)
	}
}

// Events without an object (nil, or a typed nil pointer from a faulty ListerWatcher) end the watch
// with an error instead of panicking, in a watch and in a watch-list.
func TestReflectorRejectsNilEventObjects(t *testing.T) {
	for _, watchList := range []bool{false, true} {
		for _, obj := range []runtime.Object{nil, (*corev1.ConfigMap)(nil)} {
			t.Run(fmt.Sprintf("watchList=%v/%T", watchList, obj), func(t *testing.T) {
				h := startReflector(t, ReflectorOptions[*corev1.ConfigMap]{UseWatchList: watchList})
				if !watchList {
					h.lw.answerList(t, cmList("1"))
				}
				w, _ := h.lw.answerWatch(t)
				w.Add(obj)
				if err := <-h.errs; err == nil || !contains(err.Error(), "event carries") {
					t.Fatalf("error = %v, want one about the event's object", err)
				}
			})
		}
	}
}
