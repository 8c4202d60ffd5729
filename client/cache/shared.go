package cache

import (
	"context"
	"time"

	"k8s.io/klog/v2"
)

// This file holds client-go's untyped informer shapes: SharedInformer, SharedIndexInformer,
// ResourceEventHandler and ResourceEventHandlerRegistration, so that code written against
// k8s.io/client-go/tools/cache compiles unchanged. Every TypedInformer implements them; the
// typed forms (TypedSharedIndexInformer, TypedResourceEventHandler) sit beside them.

// ResourceEventHandler is client-go's untyped event handler: objects arrive as interface{} values
// holding the informer's object type (*corev1.Pod for a pod informer). OnDelete gets the last state
// the cache knew, also when the deletion was noticed by a relist (never a DeletedFinalStateUnknown
// from a kubegen informer; code that handles one keeps working).
type ResourceEventHandler interface {
	OnAdd(obj any, isInInitialList bool)
	OnUpdate(oldObj, newObj any)
	OnDelete(obj any)
}

// ResourceEventHandlerFuncs is an untyped ResourceEventHandler made of optional functions; nil ones
// are skipped.
type ResourceEventHandlerFuncs struct {
	AddFunc    func(obj any)
	UpdateFunc func(oldObj, newObj any)
	DeleteFunc func(obj any)
}

// OnAdd implements ResourceEventHandler.
func (f ResourceEventHandlerFuncs) OnAdd(obj any, _ bool) {
	if f.AddFunc != nil {
		f.AddFunc(obj)
	}
}

// OnUpdate implements ResourceEventHandler.
func (f ResourceEventHandlerFuncs) OnUpdate(oldObj, newObj any) {
	if f.UpdateFunc != nil {
		f.UpdateFunc(oldObj, newObj)
	}
}

// OnDelete implements ResourceEventHandler.
func (f ResourceEventHandlerFuncs) OnDelete(obj any) {
	if f.DeleteFunc != nil {
		f.DeleteFunc(obj)
	}
}

// ResourceEventHandlerDetailedFuncs is ResourceEventHandlerFuncs whose AddFunc also learns whether
// the object came with the initial list.
type ResourceEventHandlerDetailedFuncs struct {
	AddFunc    func(obj any, isInInitialList bool)
	UpdateFunc func(oldObj, newObj any)
	DeleteFunc func(obj any)
}

// OnAdd implements ResourceEventHandler.
func (f ResourceEventHandlerDetailedFuncs) OnAdd(obj any, isInInitialList bool) {
	if f.AddFunc != nil {
		f.AddFunc(obj, isInInitialList)
	}
}

// OnUpdate implements ResourceEventHandler.
func (f ResourceEventHandlerDetailedFuncs) OnUpdate(oldObj, newObj any) {
	if f.UpdateFunc != nil {
		f.UpdateFunc(oldObj, newObj)
	}
}

// OnDelete implements ResourceEventHandler.
func (f ResourceEventHandlerDetailedFuncs) OnDelete(obj any) {
	if f.DeleteFunc != nil {
		f.DeleteFunc(obj)
	}
}

// FilteringResourceEventHandler is the untyped TypedFilteringResourceEventHandler: it passes on only
// the changes of objects FilterFunc accepts, turning updates across the filter into adds and
// deletes.
type FilteringResourceEventHandler struct {
	FilterFunc func(obj any) bool
	Handler    ResourceEventHandler
}

// OnAdd implements ResourceEventHandler.
func (f FilteringResourceEventHandler) OnAdd(obj any, isInInitialList bool) {
	if f.FilterFunc(obj) {
		f.Handler.OnAdd(obj, isInInitialList)
	}
}

// OnUpdate implements ResourceEventHandler.
func (f FilteringResourceEventHandler) OnUpdate(oldObj, newObj any) {
	was, is := f.FilterFunc(oldObj), f.FilterFunc(newObj)
	switch {
	case was && is:
		f.Handler.OnUpdate(oldObj, newObj)
	case is:
		f.Handler.OnAdd(newObj, false)
	case was:
		f.Handler.OnDelete(oldObj)
	}
}

// OnDelete implements ResourceEventHandler.
func (f FilteringResourceEventHandler) OnDelete(obj any) {
	if f.FilterFunc(obj) {
		f.Handler.OnDelete(obj)
	}
}

// ResourceEventHandlerRegistration is the handle AddEventHandler returns: pass it to
// RemoveEventHandler, or wait for HasSynced (the handler has seen every object of the initial
// list). A kubegen informer's handle is a *Registration.
type ResourceEventHandlerRegistration interface {
	HasSynced() bool
}

// HandlerOptions are the optional settings of AddEventHandlerWithOptions and AddTypedEventHandler.
type HandlerOptions struct {
	// Logger is accepted for client-go compatibility; kubegen handlers log nothing of their own.
	Logger *klog.Logger
	// ResyncPeriod overrides the informer's default resync period for this handler; 0 disables
	// resync.
	ResyncPeriod *time.Duration
}

// TransformFunc is client-go's untyped transform: it gets each object about to be cached and
// returns the object to cache instead. See SharedInformer.SetTransform.
type TransformFunc func(obj any) (any, error)

// SharedInformer is client-go's informer interface, implemented by every TypedInformer. client-go's
// GetController, HasSyncedChecker and SetWatchErrorHandler(WithContext) are left out: see
// MIGRATING.md.
type SharedInformer interface {
	// AddEventHandler adds a handler with the informer's default resync period.
	AddEventHandler(handler ResourceEventHandler) (ResourceEventHandlerRegistration, error)
	// AddEventHandlerWithResyncPeriod adds a handler with its own resync period (0: none).
	AddEventHandlerWithResyncPeriod(handler ResourceEventHandler, resyncPeriod time.Duration) (ResourceEventHandlerRegistration, error)
	// AddEventHandlerWithOptions adds a handler configured by options.
	AddEventHandlerWithOptions(handler ResourceEventHandler, options HandlerOptions) (ResourceEventHandlerRegistration, error)
	// RemoveEventHandler removes a handler added to this informer.
	RemoveEventHandler(handle ResourceEventHandlerRegistration) error
	// GetStore returns the informer's cache as an untyped Store.
	GetStore() Store
	// Run runs the informer until stopCh closes.
	Run(stopCh <-chan struct{})
	// RunWithContext runs the informer until ctx is done.
	RunWithContext(ctx context.Context)
	// HasSynced reports whether the cache holds the result of the first complete list.
	HasSynced() bool
	// LastSyncResourceVersion returns the resourceVersion the cache is at.
	LastSyncResourceVersion() string
	// SetTransform sets a transform applied to every object before it is cached; only before Run.
	SetTransform(handler TransformFunc) error
	// IsStopped reports whether the informer has stopped.
	IsStopped() bool
}

// SharedIndexInformer is a SharedInformer with indexes: client-go's interface, which generated
// informers' Informer() returns.
type SharedIndexInformer interface {
	SharedInformer
	// AddIndexers adds indexes to the cache, indexing the objects already there.
	AddIndexers(indexers Indexers) error
	// GetIndexer returns the informer's cache as an untyped Indexer.
	GetIndexer() Indexer
}

// TypedSharedIndexInformer is a SharedIndexInformer with type-safe methods beside the untyped
// ones, as client-go's. *TypedInformer[T] implements it and offers more (Store, Lister).
type TypedSharedIndexInformer[T Object] interface {
	SharedIndexInformer
	// AddTypedEventHandler adds a typed handler; at most one HandlerOptions.
	AddTypedEventHandler(handler TypedResourceEventHandler[T], options ...HandlerOptions) (ResourceEventHandlerRegistration, error)
	// AddTypedIndexers adds typed indexes.
	AddTypedIndexers(indexers TypedIndexers[T]) error
	// GetTypedIndexer returns the informer's indexer with type-safe index queries.
	GetTypedIndexer() TypedIndexer[T]
}

// untypedHandler delivers a typed informer's events to an untyped handler.
type untypedHandler[T Object] struct{ h ResourceEventHandler }

func (u untypedHandler[T]) OnAdd(obj T, isInInitialList bool) { u.h.OnAdd(obj, isInInitialList) }
func (u untypedHandler[T]) OnUpdate(oldObj, newObj T)         { u.h.OnUpdate(oldObj, newObj) }
func (u untypedHandler[T]) OnDelete(obj T)                    { u.h.OnDelete(obj) }
