package cache

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/klog/v2"
)

// ErrInformerStopped is returned when adding a handler to an informer that has stopped.
var ErrInformerStopped = errors.New("cache: informer has stopped")

// SharedIndexInformer keeps a cache of one resource in sync with the server and tells any number
// of event handlers about changes. Create it with NewSharedIndexInformer and start it with Run.
type SharedIndexInformer[T Object] struct {
	name          string
	resource      schema.GroupResource
	store         *store[T]
	reflector     *Reflector[T]
	defaultResync time.Duration

	mu       sync.Mutex // orders store writes, notifications and handler changes
	handlers []*Registration[T]
	nextID   int
	runCtx   context.Context
	started  bool
	stopped  bool
	wg       sync.WaitGroup

	synced   atomic.Bool
	syncedCh chan struct{}
}

// NewSharedIndexInformer returns an informer over lw, which lists L and watches T, whose handlers
// resync every defaultResync (0: never) and whose cache has indexers besides NamespaceIndex; other
// options take their defaults. It is client-go's constructor of the same name, with T in place of
// the example object.
func NewSharedIndexInformer[T Object, L runtime.Object](lw ListerWatcher[L], defaultResync time.Duration, indexers Indexers[T]) *SharedIndexInformer[T] {
	return NewSharedIndexInformerWithOptions[T](lw, InformerOptions{ResyncPeriod: defaultResync}, indexers)
}

// NewSharedIndexInformerWithOptions returns an informer over lw, which lists L and watches T,
// configured by opts, whose cache has the given indexes besides NamespaceIndex (none, or more later
// with AddIndexers).
func NewSharedIndexInformerWithOptions[T Object, L runtime.Object](lw ListerWatcher[L], opts InformerOptions, indexers ...Indexers[T]) *SharedIndexInformer[T] {
	all := Indexers[T]{}
	for _, set := range indexers {
		maps.Copy(all, set)
	}
	i := &SharedIndexInformer[T]{
		name:          opts.name(reflect.TypeFor[T]()),
		resource:      opts.Resource,
		store:         newStore(all),
		defaultResync: opts.ResyncPeriod,
		syncedCh:      make(chan struct{}),
	}
	lw = WithTweakListOptions(lw, opts.TweakListOptions)
	i.reflector = NewReflector(lw, informerStore[T]{i}, reflectorOptions[T](opts, i.name, supportsWatchList(lw)))
	return i
}

// String returns the informer's name.
func (i *SharedIndexInformer[T]) String() string { return i.name }

// Run syncs the cache and delivers events to handlers until ctx is done; it returns once every
// goroutine it started has ended, which includes waiting for handler calls in progress to return.
// Notifications not yet delivered are dropped. It may be called only once.
func (i *SharedIndexInformer[T]) Run(ctx context.Context) {
	i.mu.Lock()
	if i.started {
		i.mu.Unlock()
		klog.ErrorS(nil, "cache: informer already started", "informer", i.name)
		return
	}
	i.started, i.runCtx = true, ctx
	for _, reg := range i.handlers {
		i.startHandler(reg)
	}
	i.mu.Unlock()

	i.reflector.Run(ctx)

	i.mu.Lock()
	i.stopped = true
	for _, reg := range i.handlers {
		reg.close()
	}
	i.mu.Unlock()
	i.wg.Wait()
}

func (i *SharedIndexInformer[T]) startHandler(reg *Registration[T]) {
	ctx := i.runCtx
	i.wg.Go(func() { reg.run(ctx) })
}

// HasSynced reports whether the cache holds the result of the first complete list.
func (i *SharedIndexInformer[T]) HasSynced() bool { return i.synced.Load() }

// Synced returns a channel closed once HasSynced is true.
func (i *SharedIndexInformer[T]) Synced() <-chan struct{} { return i.syncedCh }

// IsStopped reports whether Run has returned (or is returning).
func (i *SharedIndexInformer[T]) IsStopped() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.stopped
}

// LastSyncResourceVersion returns the resourceVersion the cache is at.
func (i *SharedIndexInformer[T]) LastSyncResourceVersion() string {
	return i.reflector.LastSyncResourceVersion()
}

// LastSyncError returns the most recent list or watch failure, for example a Forbidden error
// when RBAC does not allow listing; nil once the informer makes progress again.
func (i *SharedIndexInformer[T]) LastSyncError() error { return i.reflector.LastError() }

// Store returns the informer's cache, read-only. Objects are the cached pointers: never mutate
// them.
func (i *SharedIndexInformer[T]) Store() Reader[T] { return i.store }

// Lister returns a Lister over the informer's cache.
func (i *SharedIndexInformer[T]) Lister() *Lister[T] { return NewLister[T](i.store, i.resource) }

// AddIndexers adds indexes to the cache, indexing the objects already there.
func (i *SharedIndexInformer[T]) AddIndexers(indexers Indexers[T]) error {
	return i.store.AddIndexers(indexers)
}

// AddEventHandler adds a handler with the informer's default resync period. See
// AddEventHandlerWithResyncPeriod.
func (i *SharedIndexInformer[T]) AddEventHandler(h ResourceEventHandler[T]) (*Registration[T], error) {
	return i.AddEventHandlerWithResyncPeriod(h, i.defaultResync)
}

// AddEventHandlerWithResyncPeriod adds a handler at any time. A handler added after the informer
// synced first gets the current objects as adds (isInInitialList true). With a positive resync
// period the handler also gets an update (old == new) for every cached object every period.
func (i *SharedIndexInformer[T]) AddEventHandlerWithResyncPeriod(h ResourceEventHandler[T], resync time.Duration) (*Registration[T], error) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.stopped {
		return nil, fmt.Errorf("%w: %s", ErrInformerStopped, i.name)
	}
	i.nextID++
	reg := newRegistration(i, h, resync, i.nextID)
	if i.synced.Load() {
		reg.push(initialAdds(i.store.List())...)
	}
	i.handlers = append(i.handlers, reg)
	if i.runCtx != nil {
		i.startHandler(reg)
	}
	return reg, nil
}

// initialAdds returns adds for objs followed by the synced marker.
func initialAdds[T Object](objs []T) []notification[T] {
	ns := make([]notification[T], 0, len(objs)+1)
	for _, obj := range objs {
		ns = append(ns, notification[T]{kind: notifyAdd, obj: obj, initial: true})
	}
	return append(ns, notification[T]{kind: notifySynced})
}

// RemoveEventHandler removes a handler; it gets no further calls once its current one returns.
func (i *SharedIndexInformer[T]) RemoveEventHandler(reg *Registration[T]) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	for n, r := range i.handlers {
		if r == reg {
			i.handlers = append(i.handlers[:n], i.handlers[n+1:]...)
			reg.close()
			return nil
		}
	}
	return fmt.Errorf("cache: %s: handler not registered", i.name)
}

// resync queues an update for every cached object to reg.
func (i *SharedIndexInformer[T]) resync(reg *Registration[T]) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if !i.synced.Load() {
		return
	}
	objs := i.store.List()
	ns := make([]notification[T], len(objs))
	for n, obj := range objs {
		ns[n] = notification[T]{kind: notifyUpdate, old: obj, obj: obj}
	}
	reg.push(ns...)
}

// notify queues ns to every handler. Callers hold i.mu.
func (i *SharedIndexInformer[T]) notify(ns ...notification[T]) {
	for _, reg := range i.handlers {
		reg.push(ns...)
	}
}
