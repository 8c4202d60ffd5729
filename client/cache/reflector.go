package cache

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/klog/v2"
)

// ReflectorStore receives what a Reflector observes. Indexer satisfies it.
type ReflectorStore[T Object] interface {
	// Replace is called with the complete list after every (re)list.
	Replace(objs []T, resourceVersion string) error
	// Add, Update and Delete are called for watch events.
	Add(obj T) error
	Update(obj T) error
	Delete(obj T) error
}

// ReflectorOptions configure a Reflector. The zero value is usable.
type ReflectorOptions[T Object] struct {
	// Name identifies the reflector in logs and errors; default: the object type, e.g. "*v1.Pod".
	Name string
	// PageSize is the limit of each list page. Default: 500 for the first page; when that page
	// says many more objects remain, the rest come in pages of a tenth of the total, up to 5,000,
	// so that a large list takes a few round trips instead of hundreds. Negative means no
	// pagination.
	PageSize int64
	// UseWatchList makes the initial sync a streaming watch-list (sendInitialEvents=true) instead
	// of a list, falling back to listing when the server does not support it.
	UseWatchList bool
	// Transform edits each object before it reaches the store.
	Transform TypedTransformFunc[T]
	// WatchErrorHandler is called with every list or watch failure, after the failure is recorded
	// and before the reflector backs off. Default: log it with klog.
	WatchErrorHandler func(err error)
	// Backoff paces retries after failures.
	Backoff Backoff
	// MinWatchTimeout is the shortest server-side timeout asked for a watch; each watch asks for a
	// random timeout between it and twice it, so that watches are renewed and spread out.
	// Default 5 minutes.
	MinWatchTimeout time.Duration
}

// Reflector keeps a ReflectorStore in sync with the server: it lists, then watches from the
// list's resourceVersion with bookmarks. A dropped watch resumes from the last resourceVersion
// seen; a 410 Gone ("too old resource version") relists; failures back off exponentially with
// jitter. Create it with NewReflector and run it with Run.
type Reflector[T Object] struct {
	lw    listWatch[T]
	store ReflectorStore[T]
	opts  ReflectorOptions[T]

	// Owned by the Run goroutine.
	backoff      *backoff
	sleep        func(ctx context.Context, d time.Duration) bool // replaced in tests
	needList     bool
	useWatchList bool
	adaptPages   bool // PageSize was defaulted: later pages may be larger (pageSizeFor)

	mu        sync.Mutex
	lastRV    string
	lastError error
}

// NewReflector returns a Reflector that keeps store in sync with what lw lists and watches.
func NewReflector[T Object, L runtime.Object](lw ListerWatcher[L], store ReflectorStore[T], opts ReflectorOptions[T]) *Reflector[T] {
	if opts.Name == "" {
		opts.Name = reflect.TypeFor[T]().String()
	}
	adaptPages := opts.PageSize == 0
	if adaptPages {
		opts.PageSize = defaultPageSize
	}
	if opts.MinWatchTimeout <= 0 {
		opts.MinWatchTimeout = 5 * time.Minute
	}
	if opts.WatchErrorHandler == nil {
		name := opts.Name
		opts.WatchErrorHandler = func(err error) { logWatchError(name, err) }
	}
	return &Reflector[T]{
		lw:           adaptListerWatcher[T](lw),
		store:        store,
		opts:         opts,
		backoff:      newBackoff(opts.Backoff),
		sleep:        sleep,
		needList:     true,
		useWatchList: opts.UseWatchList,
		adaptPages:   adaptPages,
	}
}

func logWatchError(name string, err error) {
	if isExpired(err) {
		klog.V(2).InfoS("cache: relisting after expired resourceVersion", "reflector", name, "err", err)
		return
	}
	klog.ErrorS(err, "cache: list/watch failed", "reflector", name)
}

// Name returns the reflector's name.
func (r *Reflector[T]) Name() string { return r.opts.Name }

// LastSyncResourceVersion returns the resourceVersion of the last list, event or bookmark seen.
func (r *Reflector[T]) LastSyncResourceVersion() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastRV
}

// LastError returns the most recent list or watch failure, or nil once a watch has made progress
// since then.
func (r *Reflector[T]) LastError() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastError
}

func (r *Reflector[T]) setRV(rv string) {
	r.mu.Lock()
	r.lastRV = rv
	r.mu.Unlock()
}

// Run lists and watches until ctx is done. It must be called at most once.
func (r *Reflector[T]) Run(ctx context.Context) {
	for ctx.Err() == nil {
		progressed, err := r.cycle(ctx)
		if ctx.Err() != nil {
			return
		}
		if progressed {
			r.backoff.reset()
			r.setError(nil)
		}
		if err != nil {
			r.setError(err)
			r.opts.WatchErrorHandler(err)
		}
		if !progressed && !r.sleep(ctx, r.backoff.next()) {
			return
		}
	}
}

func (r *Reflector[T]) setError(err error) {
	r.mu.Lock()
	r.lastError = err
	r.mu.Unlock()
}

// cycle makes sure the store is synced, then watches until the watch ends. progressed reports
// whether the watch delivered anything (or lived long enough to count as healthy); a cycle
// without progress is followed by a backoff, so no failure mode can spin.
func (r *Reflector[T]) cycle(ctx context.Context) (progressed bool, err error) {
	if r.needList && r.useWatchList {
		progressed, err = r.watchList(ctx)
		if !errorsIsUnsupported(err) {
			return progressed, err
		}
		r.useWatchList = false
		// Not a failure: servers before watch-list (and fakes without it) are expected.
		klog.V(2).InfoS("cache: watch-list not supported, falling back to list", "reflector", r.opts.Name, "err", err)
	}
	if r.needList {
		if err := r.list(ctx); err != nil {
			return false, err
		}
	}
	return r.watch(ctx)
}

// watchOptions returns the options of a watch resuming from rv.
func (r *Reflector[T]) watchOptions(rv string) metav1.ListOptions {
	timeout := int64((r.opts.MinWatchTimeout + randDuration(r.opts.MinWatchTimeout)) / time.Second)
	return metav1.ListOptions{
		ResourceVersion:     rv,
		AllowWatchBookmarks: true,
		TimeoutSeconds:      &timeout,
	}
}

// watch watches from the last resourceVersion until the watch ends, applying its events.
func (r *Reflector[T]) watch(ctx context.Context) (progressed bool, err error) {
	started := time.Now()
	w, err := r.lw.watch(ctx, r.watchOptions(r.LastSyncResourceVersion()))
	if err != nil {
		if isExpired(err) {
			r.expired()
		}
		return false, fmt.Errorf("%s: watch: %w", r.opts.Name, err)
	}
	if w == nil {
		return false, fmt.Errorf("%s: watch: the ListerWatcher returned no watch and no error", r.opts.Name)
	}
	defer w.Stop()
	n, err := r.consume(ctx, w)
	return n > 0 || time.Since(started) > healthyWatch, err
}

// healthyWatch is how long a watch without events must last to count as progress.
const healthyWatch = 10 * time.Second

// consume applies the events of w until it ends or ctx is done, returning how many it applied.
func (r *Reflector[T]) consume(ctx context.Context, w watch.Interface) (int, error) {
	n := 0
	for {
		select {
		case <-ctx.Done():
			return n, nil
		case ev, ok := <-w.ResultChan():
			if !ok {
				return n, nil
			}
			if err := r.apply(ev); err != nil {
				return n, err
			}
			n++
		}
	}
}

// apply applies one watch event to the store.
func (r *Reflector[T]) apply(ev watch.Event) error {
	obj, err := r.eventObject(ev, "watch")
	if err != nil {
		return err
	}
	rv := obj.GetResourceVersion()
	if ev.Type != watch.Bookmark {
		if err := r.applyObject(ev.Type, r.transform(obj)); err != nil {
			return fmt.Errorf("%s: store: %w", r.opts.Name, err)
		}
	}
	r.setRV(rv)
	return nil
}

// eventObject returns the object of an event. An ERROR event is an error (and an expired
// resourceVersion is forgotten, so that the next cycle relists), as is an event without an object
// of type T. phase ("watch" or "watch-list") goes into the error.
func (r *Reflector[T]) eventObject(ev watch.Event, phase string) (T, error) {
	var zero T
	if ev.Type == watch.Error {
		err := eventError(ev.Object)
		if isExpired(err) {
			r.expired()
		}
		return zero, fmt.Errorf("%s: %s: %w", r.opts.Name, phase, err)
	}
	obj, ok := ev.Object.(T)
	if !ok {
		return zero, fmt.Errorf("%s: %s: %s event carries %T, want %s", r.opts.Name, phase, ev.Type, ev.Object, r.opts.Name)
	}
	if v := reflect.ValueOf(obj); v.Kind() == reflect.Pointer && v.IsNil() {
		return zero, fmt.Errorf("%s: %s: %s event carries a nil %T", r.opts.Name, phase, ev.Type, ev.Object)
	}
	return obj, nil
}

func (r *Reflector[T]) applyObject(t watch.EventType, obj T) error {
	switch t {
	case watch.Added:
		return r.store.Add(obj)
	case watch.Modified:
		return r.store.Update(obj)
	case watch.Deleted:
		return r.store.Delete(obj)
	}
	return fmt.Errorf("unknown watch event type %q", t)
}

// expired forgets the resourceVersion the server no longer has, so that the next cycle relists.
func (r *Reflector[T]) expired() {
	r.needList = true
	r.setRV("")
}

func (r *Reflector[T]) transform(obj T) T {
	if r.opts.Transform == nil {
		return obj
	}
	return r.opts.Transform(obj)
}

// replace hands a complete list to the store and records its resourceVersion.
func (r *Reflector[T]) replace(objs []T, rv string) error {
	if err := r.store.Replace(objs, rv); err != nil {
		return fmt.Errorf("%s: store: %w", r.opts.Name, err)
	}
	r.needList = false
	r.setRV(rv)
	return nil
}

func randDuration(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(randInt64N(int64(d)))
}

// listAccessor reads the resourceVersion, continue token and remaining count of a list.
func listMeta(list runtime.Object) (rv, cont string, remaining int64, err error) {
	m, err := meta.ListAccessor(list)
	if err != nil {
		return "", "", 0, err
	}
	if r := m.GetRemainingItemCount(); r != nil {
		remaining = *r
	}
	return m.GetResourceVersion(), m.GetContinue(), remaining, nil
}
