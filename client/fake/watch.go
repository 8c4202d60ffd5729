package fake

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
)

// InitialEventsEndAnnotation marks the bookmark that ends the initial events of a watch with
// sendInitialEvents=true.
const InitialEventsEndAnnotation = "k8s.io/initial-events-end"

// Watch watches objects in namespace ("" for all) matching the selectors of opts, as the apiserver does:
//   - resourceVersion "" or "0": ADDED events for the current objects, then every change;
//   - any other resourceVersion: every change after it, or a single ERROR event with 410 Gone (Expired)
//     when it is older than the tracker's history (a resourceVersion not reached yet waits for it);
//   - sendInitialEvents=true (with allowWatchBookmarks): the current objects, then a bookmark annotated
//     k8s.io/initial-events-end, then every change;
//   - an update that moves an object into the selection is ADDED, out of it DELETED;
//   - timeoutSeconds ends the watch; so does ctx.
//
// Events are never dropped: each watcher has its own unbounded buffer, so slow readers never block
// writers. Stop the watch to release it.
func (t *Tracker) Watch(ctx context.Context, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions) (watch.Interface, error) {
	return t.watch(ctx, gvr, namespace, opts, runtime.Object.DeepCopyObject)
}

func (t *Tracker) watch(ctx context.Context, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions,
	transform func(runtime.Object) runtime.Object) (watch.Interface, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	sel, err := newSelector(r, namespace, opts)
	if err != nil {
		return nil, err
	}
	if err := validateListOptions(opts, true); err != nil {
		return nil, err
	}
	rv, err := parseRV(opts.ResourceVersion)
	if err != nil {
		return nil, serverError(fmt.Sprintf("resourceVersion: Invalid value: %q: strconv.ParseUint: parsing %q: invalid syntax", opts.ResourceVersion, opts.ResourceVersion))
	}
	sendInitial := opts.SendInitialEvents != nil && *opts.SendInitialEvents
	w := newWatcher(t, r, sel, opts.AllowWatchBookmarks, transform)
	switch {
	case sendInitial || (opts.SendInitialEvents == nil && rv == 0):
		t.queueCurrentLocked(w, sendInitial)
	case rv == 0:
		// sendInitialEvents=false without a resourceVersion: only changes from now on.
	default:
		events, ok := t.history.since(rv)
		if !ok {
			expired := apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", rv, t.history.compacted+1))
			w.push(watch.Event{Type: watch.Error, Object: &expired.ErrStatus})
			w.final = true
			go w.run()
			return w, nil
		}
		for _, ev := range events {
			if ev.gvr == gvr {
				w.send(ev)
			}
		}
		w.after = rv // a future resourceVersion: nothing up to it is sent
	}
	t.addWatcherLocked(w)
	w.start(ctx, opts.TimeoutSeconds)
	return w, nil
}

// queueCurrentLocked queues ADDED events for the current objects, and the end-of-initial-events bookmark.
func (t *Tracker) queueCurrentLocked(w *watcher, endBookmark bool) {
	store := t.objects[w.resource.Resource]
	keys := make([]string, 0, len(store))
	for k, obj := range store {
		if w.sel.matches(obj) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		w.push(watch.Event{Type: watch.Added, Object: store[k]})
	}
	if endBookmark {
		if b := t.bookmarkLocked(w.resource, true); b != nil {
			w.push(watch.Event{Type: watch.Bookmark, Object: b})
		}
	}
}

// Bookmark sends a BOOKMARK event at the current resourceVersion to every watch that allows bookmarks,
// as the apiserver does from time to time. Tests call it to exercise bookmark handling deterministically.
func (t *Tracker) Bookmark() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, ws := range t.watchers {
		for w := range ws {
			if w.bookmarks {
				if b := t.bookmarkLocked(w.resource, false); b != nil {
					w.push(watch.Event{Type: watch.Bookmark, Object: b})
				}
			}
		}
	}
}

// bookmarkLocked returns an empty object of r's kind carrying only the current resourceVersion.
func (t *Tracker) bookmarkLocked(r *Resource, initialEnd bool) runtime.Object {
	obj := t.newObject(r)
	if obj == nil {
		return nil
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil
	}
	obj.GetObjectKind().SetGroupVersionKind(r.Kind)
	m.SetResourceVersion(formatRV(t.rv))
	if initialEnd {
		m.SetAnnotations(map[string]string{InitialEventsEndAnnotation: "true"})
	}
	return obj
}

func (t *Tracker) addWatcherLocked(w *watcher) {
	ws := t.watchers[w.resource.Resource]
	if ws == nil {
		ws = map[*watcher]struct{}{}
		t.watchers[w.resource.Resource] = ws
	}
	ws[w] = struct{}{}
}

func (t *Tracker) removeWatcher(w *watcher) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.watchers[w.resource.Resource], w)
}

// watcher is one watch: an unbounded queue filled by writers and drained into result by its goroutine.
type watcher struct {
	tracker   *Tracker
	resource  *Resource
	sel       *selector
	after     uint64 // only events after this resourceVersion are sent
	bookmarks bool
	transform func(runtime.Object) runtime.Object

	mu    sync.Mutex
	queue []watch.Event
	final bool // close the result channel once the queue is drained

	wake     chan struct{}
	result   chan watch.Event
	done     chan struct{}
	stopOnce sync.Once
	cleanup  []func() bool
}

func newWatcher(t *Tracker, r *Resource, sel *selector, bookmarks bool, transform func(runtime.Object) runtime.Object) *watcher {
	return &watcher{
		tracker: t, resource: r, sel: sel, bookmarks: bookmarks, transform: transform,
		wake: make(chan struct{}, 1), result: make(chan watch.Event), done: make(chan struct{}),
	}
}

// start runs the delivery goroutine and ties the watch's end to ctx and the timeout.
func (w *watcher) start(ctx context.Context, timeoutSeconds *int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ctx != nil && ctx.Done() != nil {
		w.cleanup = append(w.cleanup, context.AfterFunc(ctx, w.Stop))
	}
	if timeoutSeconds != nil && *timeoutSeconds > 0 {
		timer := time.AfterFunc(time.Duration(*timeoutSeconds)*time.Second, w.Stop)
		w.cleanup = append(w.cleanup, timer.Stop)
	}
	go w.run()
}

// send queues the event as this watcher sees it through its selector. Callers hold the tracker lock.
func (w *watcher) send(ev event) {
	if ev.rv <= w.after {
		return
	}
	old := ev.prev != nil && w.sel.matches(ev.prev)
	if ev.typ == watch.Deleted {
		if old {
			w.push(watch.Event{Type: watch.Deleted, Object: ev.obj})
		}
		return
	}
	cur := w.sel.matches(ev.obj)
	switch {
	case cur && old:
		w.push(watch.Event{Type: watch.Modified, Object: ev.obj})
	case cur:
		w.push(watch.Event{Type: watch.Added, Object: ev.obj})
	case old:
		// The object left the selection: the watcher sees its last matching state, deleted at this rv.
		gone := ev.prev.DeepCopyObject()
		setRV(gone, ev.rv)
		w.push(watch.Event{Type: watch.Deleted, Object: gone})
	}
}

func (w *watcher) push(ev watch.Event) {
	w.mu.Lock()
	w.queue = append(w.queue, ev)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *watcher) run() {
	defer close(w.result)
	for {
		w.mu.Lock()
		batch, final := w.queue, w.final
		w.queue = nil
		w.mu.Unlock()
		for _, ev := range batch {
			ev.Object = w.transform(ev.Object)
			select {
			case w.result <- ev:
			case <-w.done:
				return
			}
		}
		if len(batch) > 0 {
			continue
		}
		if final {
			return
		}
		select {
		case <-w.wake:
		case <-w.done:
			return
		}
	}
}

// ResultChan returns the events; it is closed when the watch ends.
func (w *watcher) ResultChan() <-chan watch.Event { return w.result }

// Stop ends the watch and releases it; the result channel is closed soon after.
func (w *watcher) Stop() {
	w.stopOnce.Do(func() {
		close(w.done)
		w.mu.Lock()
		cleanup := w.cleanup
		w.mu.Unlock()
		for _, f := range cleanup {
			f()
		}
		w.tracker.removeWatcher(w)
	})
}

// CloseWatches ends every open watch, as an apiserver restart does: result channels close without an
// error event, and clients are expected to watch again from the last resourceVersion they saw.
func (t *Tracker) CloseWatches() {
	t.mu.Lock()
	var all []*watcher
	for _, ws := range t.watchers {
		for w := range ws {
			all = append(all, w)
		}
	}
	t.mu.Unlock()
	for _, w := range all {
		w.Stop()
	}
}
