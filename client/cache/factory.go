package cache

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Informer is what a Factory needs from the informers it shares; every SharedIndexInformer is
// one.
type Informer interface {
	Run(ctx context.Context)
	HasSynced() bool
	LastSyncError() error
	String() string
}

// FactoryOptions configure every informer of a Factory. The zero value is usable.
type FactoryOptions struct {
	// Namespace restricts the informers to one namespace; "" watches all namespaces.
	Namespace string
	// TweakListOptions edits the options of every list and watch, e.g. to add a label selector.
	TweakListOptions func(*metav1.ListOptions)
	// ResyncPeriod is the default resync period of handlers; 0 disables resync.
	ResyncPeriod time.Duration
	// KeepManagedFields keeps metadata.managedFields in cached objects (dropped by default).
	KeepManagedFields bool
	// NoStringInterning turns off the interning of metadata strings (see InformerOptions).
	NoStringInterning bool
	// ShareEqualMapsUnsafe lets cached objects with equal labels (or annotations) share one map.
	// UNSAFE: see InformerOptions.ShareEqualMapsUnsafe for what a single mutation then breaks.
	ShareEqualMapsUnsafe bool
	// Transform edits every object of every type before it is cached.
	Transform func(obj Object)
	// UseWatchList syncs with streaming watch-lists when the server supports them.
	UseWatchList bool
	// WatchErrorHandler is told about every list or watch failure; default: log it.
	WatchErrorHandler func(err error)
}

// Factory shares informers: one per object type, created on first request and used by every
// caller asking for that type. Generated informer factories embed it.
type Factory struct {
	opts FactoryOptions

	mu        sync.Mutex
	informers map[reflect.Type]Informer
	order     []reflect.Type
	started   map[reflect.Type]bool
	ctx       context.Context
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	shutdown  bool
}

// NewFactory returns a Factory whose informers are configured by opts.
func NewFactory(opts FactoryOptions) *Factory {
	ctx, cancel := context.WithCancel(context.Background())
	return &Factory{
		opts:      opts,
		informers: map[reflect.Type]Informer{},
		started:   map[reflect.Type]bool{},
		ctx:       ctx,
		cancel:    cancel,
	}
}

// Options returns the options the factory was created with.
func (f *Factory) Options() FactoryOptions { return f.opts }

// InformerFor returns f's informer for T, calling newInformer to create it on first use.
func InformerFor[T Object](f *Factory, newInformer func(FactoryOptions) *SharedIndexInformer[T]) *SharedIndexInformer[T] {
	key := reflect.TypeFor[T]()
	f.mu.Lock()
	defer f.mu.Unlock()
	if i, ok := f.informers[key]; ok {
		return i.(*SharedIndexInformer[T])
	}
	i := newInformer(f.opts)
	f.informers[key] = i
	f.order = append(f.order, key)
	return i
}

// NewInformer creates an informer over lw configured by the factory options opts (namespace is up
// to lw; list-option tweaks, transforms and the rest are applied here). Generated factories call
// it from the function they pass to InformerFor.
func NewInformer[T Object, L runtime.Object](opts FactoryOptions, lw ListerWatcher[L], resource schema.GroupResource) *SharedIndexInformer[T] {
	name := resource.String()
	if opts.Namespace != "" {
		name += " in namespace " + opts.Namespace
	}
	return NewSharedIndexInformer[T](WithTweakListOptions(lw, opts.TweakListOptions), InformerOptions[T]{
		Name:                 name,
		Resource:             resource,
		ResyncPeriod:         opts.ResyncPeriod,
		KeepManagedFields:    opts.KeepManagedFields,
		NoStringInterning:    opts.NoStringInterning,
		ShareEqualMapsUnsafe: opts.ShareEqualMapsUnsafe,
		Transform:            factoryTransform[T](opts.Transform),
		UseWatchList:         opts.UseWatchList,
		WatchErrorHandler:    opts.WatchErrorHandler,
	})
}

func factoryTransform[T Object](t func(Object)) TransformFunc[T] {
	if t == nil {
		return nil
	}
	return func(obj T) T {
		t(obj)
		return obj
	}
}

// Start runs every informer created so far that is not running yet. Informers requested later
// need another Start. They stop on Shutdown or when ctx is done.
func (f *Factory) Start(ctx context.Context) {
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
			i.Run(runCtx)
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

// WaitForCacheSync waits until every started informer has synced; see the package function
// WaitForCacheSync for the error.
func (f *Factory) WaitForCacheSync(ctx context.Context) error {
	f.mu.Lock()
	var syncers []Syncer
	for _, key := range f.order {
		if f.started[key] {
			syncers = append(syncers, f.informers[key])
		}
	}
	f.mu.Unlock()
	return WaitForCacheSync(ctx, syncers...)
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
