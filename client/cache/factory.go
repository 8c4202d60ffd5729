package cache

import (
	"context"
	"fmt"
	"reflect"
	"sync"
)

// Informer is what a Factory needs from the informers it shares; every SharedIndexInformer is
// one.
type Informer interface {
	Run(ctx context.Context)
	HasSynced() bool
	LastSyncError() error
	String() string
}

// Factory shares informers: one per object type, created on first request and used by every
// caller asking for that type. Generated informer factories embed it.
type Factory struct {
	opts InformerOptions

	mu        sync.Mutex
	informers map[reflect.Type]Informer
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
		informers: map[reflect.Type]Informer{},
		started:   map[reflect.Type]bool{},
		ctx:       ctx,
		cancel:    cancel,
	}
}

// Options returns the options the factory was created with.
func (f *Factory) Options() InformerOptions { return f.opts }

// InformerFor returns f's informer for T, calling newInformer to create it on first use.
func InformerFor[T Object](f *Factory, newInformer func(InformerOptions) *SharedIndexInformer[T]) *SharedIndexInformer[T] {
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
