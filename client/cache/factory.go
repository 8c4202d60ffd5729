package cache

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
)

// Informer is what a Factory needs from the informers it shares; every TypedInformer is one.
type Informer interface {
	RunWithContext(ctx context.Context)
	HasSynced() bool
}

// Factory shares informers: one per object type, created on first request and used by every
// caller asking for that type. Generated informer factories embed it.
type Factory struct {
	opts InformerOptions

	mu        sync.Mutex
	informers map[reflect.Type]SharedIndexInformer
	order     []reflect.Type
	started   map[reflect.Type]bool
	ctx       context.Context
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	shutdown  bool
}

// NewFactory returns a Factory whose informers are all configured by opts (Name and Resource
// excepted: each informer's constructor sets its own).
func NewFactory(opts InformerOptions) *Factory {
	ctx, cancel := context.WithCancel(context.Background())
	return &Factory{
		opts:      opts,
		informers: map[reflect.Type]SharedIndexInformer{},
		started:   map[reflect.Type]bool{},
		ctx:       ctx,
		cancel:    cancel,
	}
}

// Options returns the options the factory was created with.
func (f *Factory) Options() InformerOptions { return f.opts }

// InformerName returns the name the factory's options give (nil when none).
func (f *Factory) InformerName() *InformerName { return f.opts.InformerName }

// resyncFor returns the resync period of informers of type t: the factory's custom one for t, or
// its default.
func (f *Factory) resyncFor(t reflect.Type) time.Duration {
	if d, ok := f.opts.CustomResync[t]; ok {
		return d
	}
	return f.opts.ResyncPeriod
}

// InformerFor returns f's informer for T, calling newInformer to create it on first use with the
// factory's options (ResyncPeriod set to the custom resync of T, if any). If an informer of
// another implementation was registered for T through the untyped InformerFor, it panics: a
// program mixes two constructors for one type.
func InformerFor[T Object](f *Factory, newInformer func(InformerOptions) *TypedInformer[T]) *TypedInformer[T] {
	key := reflect.TypeFor[T]()
	f.mu.Lock()
	defer f.mu.Unlock()
	if i, ok := f.informers[key]; ok {
		typed, ok := i.(*TypedInformer[T])
		if !ok {
			panic(fmt.Sprintf("cache: the factory's informer for %v is a %T, registered through the untyped InformerFor", key, i))
		}
		return typed
	}
	opts := f.opts
	opts.ResyncPeriod = f.resyncFor(key)
	i := newInformer(opts)
	f.add(key, i)
	return i
}

// InformerFor is client-go's factory method: it returns f's informer for obj's type, calling
// newFunc with the resync period of that type to create it on first use. An untyped transform in
// the factory's options (InformerOptions.UntypedTransform) is set on the new informer.
func (f *Factory) InformerFor(obj runtime.Object, newFunc func(resyncPeriod time.Duration) SharedIndexInformer) SharedIndexInformer {
	key := reflect.TypeOf(obj)
	f.mu.Lock()
	defer f.mu.Unlock()
	if i, ok := f.informers[key]; ok {
		return i
	}
	i := newFunc(f.resyncFor(key))
	if f.opts.UntypedTransform != nil {
		if err := i.SetTransform(f.opts.UntypedTransform); err != nil {
			panic(fmt.Sprintf("cache: a new informer for %v refused the factory's transform: %v", key, err))
		}
	}
	f.add(key, i)
	return i
}

// add registers i under key. Callers hold f.mu.
func (f *Factory) add(key reflect.Type, i SharedIndexInformer) {
	f.informers[key] = i
	f.order = append(f.order, key)
}

// Start is StartWithContext ending when stopCh closes (client-go's form).
func (f *Factory) Start(stopCh <-chan struct{}) {
	ctx, cancel := contextForChannel(stopCh)
	context.AfterFunc(f.ctx, cancel) // Shutdown ends the channel's watcher too
	f.StartWithContext(ctx)
}

// StartWithContext runs every informer created so far that is not running yet. Informers requested
// later need another Start. They stop on Shutdown or when ctx is done.
func (f *Factory) StartWithContext(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.shutdown {
		return
	}
	for _, key := range f.order {
		if f.started[key] {
			continue
		}
		f.started[key] = true
		i := f.informers[key]
		f.wg.Go(func() {
			runCtx, cancel := mergeDone(ctx, f.ctx)
			defer cancel()
			i.RunWithContext(runCtx)
		})
	}
}

// mergeDone returns a context done when either a or b is.
func mergeDone(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(a)
	stop := context.AfterFunc(b, cancel)
	return ctx, func() {
		stop()
		cancel()
	}
}

// contextForChannel returns a context done when stopCh closes (or the returned cancel is called).
func contextForChannel(stopCh <-chan struct{}) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		select {
		case <-stopCh:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// SyncResult is what WaitForCacheSyncWithContext returns: whether each started informer synced,
// by object type, and why the wait ended early if one did not.
type SyncResult struct {
	// Synced maps the object type of every started informer to whether it synced.
	Synced map[reflect.Type]bool
	// Err is nil when all synced; else a *SyncError naming the informers that did not, with
	// their last list or watch error and the context's error as its Cause.
	Err error
}

// WaitForCacheSync is client-go's form of WaitForCacheSyncWithContext: it waits until every
// started informer has synced or stopCh closes, and reports which synced.
func (f *Factory) WaitForCacheSync(stopCh <-chan struct{}) map[reflect.Type]bool {
	ctx, cancel := contextForChannel(stopCh)
	defer cancel()
	return f.WaitForCacheSyncWithContext(ctx).Synced
}

// WaitForCacheSyncWithContext waits until every started informer has synced or ctx is done.
func (f *Factory) WaitForCacheSyncWithContext(ctx context.Context) SyncResult {
	f.mu.Lock()
	var keys []reflect.Type
	var syncers []Syncer
	for _, key := range f.order {
		if f.started[key] {
			keys = append(keys, key)
			syncers = append(syncers, f.informers[key])
		}
	}
	f.mu.Unlock()
	res := SyncResult{Synced: make(map[reflect.Type]bool, len(keys)), Err: WaitForCacheSync(ctx, syncers...)}
	for n, key := range keys {
		res.Synced[key] = syncers[n].HasSynced()
	}
	return res
}

// Shutdown stops every informer and waits until they have all returned. The factory starts
// nothing afterwards.
func (f *Factory) Shutdown() {
	f.mu.Lock()
	f.shutdown = true
	f.cancel()
	f.mu.Unlock()
	f.wg.Wait()
}

// String describes the factory for debugging.
func (f *Factory) String() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return fmt.Sprintf("cache.Factory{namespace: %q, informers: %d}", f.opts.Namespace, len(f.informers))
}
