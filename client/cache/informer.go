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

// TypedInformer keeps a cache of one resource in sync with the server and tells any number of
// event handlers about changes. Create it with NewSharedIndexInformer and start it with
// RunWithContext (or Run). It implements client-go's untyped SharedIndexInformer (handlers of
// interface{} values) and the typed TypedSharedIndexInformer[T] (AddTypedEventHandler), and adds
// typed reads of its cache: Store and Lister.
type TypedInformer[T Object] struct {
	name          string
	resource      schema.GroupResource
	store         *store[T]
	reflector     *Reflector[T]
	defaultResync time.Duration

	mu        sync.Mutex // orders store writes, notifications and handler changes
	transform TransformFunc
	handlers  []*Registration[T]
	nextID    int
	runCtx    context.Context
	started   bool
	stopped   bool
	wg        sync.WaitGroup

	synced   atomic.Bool
	syncedCh chan struct{}
}

// NewSharedIndexInformer returns an informer over lw, which lists L and watches T, whose handlers
// resync every defaultResync (0: never) and whose cache has indexers besides NamespaceIndex; other
// options take their defaults. It is client-go's constructor of the same name, with T in place of
// the example object and typed indexers (IndexersToTypedIndexers converts untyped ones).
func NewSharedIndexInformer[T Object, L runtime.Object](lw ListerWatcher[L], defaultResync time.Duration, indexers TypedIndexers[T]) *TypedInformer[T] {
	return NewSharedIndexInformerWithOptions[T](lw, InformerOptions{ResyncPeriod: defaultResync}, indexers)
}

// NewSharedIndexInformerWithOptions returns an informer over lw, which lists L and watches T,
// configured by opts, whose cache has the given indexes besides NamespaceIndex (none, or more later
// with AddIndexers).
func NewSharedIndexInformerWithOptions[T Object, L runtime.Object](lw ListerWatcher[L], opts InformerOptions, indexers ...TypedIndexers[T]) *TypedInformer[T] {
	all := TypedIndexers[T]{}
	for _, set := range indexers {
		maps.Copy(all, set)
	}
	i := &TypedInformer[T]{
		name:          opts.name(reflect.TypeFor[T]()),
		resource:      opts.Resource,
		store:         newStore(all),
		defaultResync: opts.ResyncPeriod,
		syncedCh:      make(chan struct{}),
		transform:     opts.UntypedTransform,
	}
	lw = WithTweakListOptions(lw, opts.TweakListOptions)
	ropts := reflectorOptions[T](opts, i.name, supportsWatchList(lw))
	ropts.Transform = i.withSetTransform(ropts.Transform)
	i.reflector = NewReflector(lw, informerStore[T]{i}, ropts)
	return i
}

// String returns the informer's name.
func (i *TypedInformer[T]) String() string { return i.name }

// Run is RunWithContext ending when stopCh closes (client-go's form).
func (i *TypedInformer[T]) Run(stopCh <-chan struct{}) {
	ctx, cancel := contextForChannel(stopCh)
	defer cancel()
	i.RunWithContext(ctx)
}

// RunWithContext syncs the cache and delivers events to handlers until ctx is done; it returns
// once every goroutine it started has ended, which includes waiting for handler calls in progress
// to return. Notifications not yet delivered are dropped. It may be called only once.
func (i *TypedInformer[T]) RunWithContext(ctx context.Context) {
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

func (i *TypedInformer[T]) startHandler(reg *Registration[T]) {
	ctx := i.runCtx
	i.wg.Go(func() { reg.run(ctx) })
}

// HasSynced reports whether the cache holds the result of the first complete list.
func (i *TypedInformer[T]) HasSynced() bool { return i.synced.Load() }

// Synced returns a channel closed once HasSynced is true.
func (i *TypedInformer[T]) Synced() <-chan struct{} { return i.syncedCh }

// IsStopped reports whether Run has returned (or is returning).
func (i *TypedInformer[T]) IsStopped() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.stopped
}

// LastSyncResourceVersion returns the resourceVersion the cache is at.
func (i *TypedInformer[T]) LastSyncResourceVersion() string {
	return i.reflector.LastSyncResourceVersion()
}

// LastSyncError returns the most recent list or watch failure, for example a Forbidden error
// when RBAC does not allow listing; nil once the informer makes progress again.
func (i *TypedInformer[T]) LastSyncError() error { return i.reflector.LastError() }

// Store returns the informer's cache, read-only. Objects are the cached pointers: never mutate
// them.
func (i *TypedInformer[T]) Store() Reader[T] { return i.store }

// Lister returns a Lister over the informer's cache.
func (i *TypedInformer[T]) Lister() *Lister[T] { return NewLister[T](i.store, i.resource) }

// GetStore returns the informer's cache as client-go's untyped Store. Objects are the cached
// pointers: never mutate them. Writes through it change the cache without telling handlers.
func (i *TypedInformer[T]) GetStore() Store { return &indexerView[T]{s: i.store} }

// GetIndexer returns the informer's cache as client-go's untyped Indexer; see GetStore.
func (i *TypedInformer[T]) GetIndexer() Indexer { return &indexerView[T]{s: i.store} }

// GetTypedIndexer returns the cache as a TypedIndexer, as client-go's typed informers do.
func (i *TypedInformer[T]) GetTypedIndexer() TypedIndexer[T] {
	return NewTypedIndexer[T](i.GetIndexer())
}

// AddIndexers adds untyped indexes to the cache, indexing the objects already there.
func (i *TypedInformer[T]) AddIndexers(indexers Indexers) error {
	return i.store.AddIndexers(IndexersToTypedIndexers[T](indexers))
}

// AddTypedIndexers adds indexes to the cache, indexing the objects already there.
func (i *TypedInformer[T]) AddTypedIndexers(indexers TypedIndexers[T]) error {
	return i.store.AddIndexers(indexers)
}

// SetTransform sets a transform applied to every object before it is cached, after the
// informer's own (InformerOptions.Transform, managedFields dropping, interning). It returns an
// error once the informer has started. An object the transform fails on, or turns into another
// type, is cached untransformed and the failure logged.
func (i *TypedInformer[T]) SetTransform(handler TransformFunc) error {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.started {
		return fmt.Errorf("cache: %s: SetTransform after the informer started", i.name)
	}
	i.transform = handler
	return nil
}

// withSetTransform returns base followed by the transform SetTransform sets, read when each
// object is transformed (only ever set before Run, so without a lock once running).
func (i *TypedInformer[T]) withSetTransform(base TypedTransformFunc[T]) TypedTransformFunc[T] {
	return func(obj T) T {
		if base != nil {
			obj = base(obj)
		}
		if i.transform == nil {
			return obj
		}
		out, err := i.transform(obj)
		if err == nil {
			if t, ok := out.(T); ok {
				return t
			}
			err = fmt.Errorf("transform returned %T", out)
		}
		klog.ErrorS(err, "cache: transform failed; caching the object untransformed", "informer", i.name, "object", MetaNamespaceKey(obj))
		return obj
	}
}

// AddEventHandler adds an untyped handler with the informer's default resync period; it gets the
// informer's objects (T) as interface{} values. See AddTypedEventHandler.
func (i *TypedInformer[T]) AddEventHandler(h ResourceEventHandler) (ResourceEventHandlerRegistration, error) {
	return i.addHandler(untypedHandler[T]{h}, i.defaultResync)
}

// AddEventHandlerWithResyncPeriod adds an untyped handler with its own resync period.
func (i *TypedInformer[T]) AddEventHandlerWithResyncPeriod(h ResourceEventHandler, resync time.Duration) (ResourceEventHandlerRegistration, error) {
	return i.addHandler(untypedHandler[T]{h}, resync)
}

// AddEventHandlerWithOptions adds an untyped handler configured by options.
func (i *TypedInformer[T]) AddEventHandlerWithOptions(h ResourceEventHandler, options HandlerOptions) (ResourceEventHandlerRegistration, error) {
	return i.addHandler(untypedHandler[T]{h}, i.resyncOf(options))
}

// AddTypedEventHandler adds a typed handler, with the informer's default resync period unless one
// HandlerOptions says otherwise; more than one HandlerOptions is an error. The registration
// returned is a *Registration[T].
func (i *TypedInformer[T]) AddTypedEventHandler(h TypedResourceEventHandler[T], options ...HandlerOptions) (ResourceEventHandlerRegistration, error) {
	if len(options) > 1 {
		return nil, fmt.Errorf("cache: %s: at most one HandlerOptions, got %d", i.name, len(options))
	}
	resync := i.defaultResync
	if len(options) == 1 {
		resync = i.resyncOf(options[0])
	}
	return i.addHandler(h, resync)
}

func (i *TypedInformer[T]) resyncOf(o HandlerOptions) time.Duration {
	if o.ResyncPeriod != nil {
		return *o.ResyncPeriod
	}
	return i.defaultResync
}

// addHandler adds a handler at any time. A handler added after the informer synced first gets the
// current objects as adds (isInInitialList true). With a positive resync period the handler also
// gets an update (old == new) for every cached object every period.
func (i *TypedInformer[T]) addHandler(h TypedResourceEventHandler[T], resync time.Duration) (ResourceEventHandlerRegistration, error) {
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
func (i *TypedInformer[T]) RemoveEventHandler(handle ResourceEventHandlerRegistration) error {
	reg, ok := handle.(*Registration[T])
	if !ok {
		return fmt.Errorf("cache: %s: %T is not a registration of this informer", i.name, handle)
	}
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
func (i *TypedInformer[T]) resync(reg *Registration[T]) {
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
func (i *TypedInformer[T]) notify(ns ...notification[T]) {
	for _, reg := range i.handlers {
		reg.push(ns...)
	}
}
