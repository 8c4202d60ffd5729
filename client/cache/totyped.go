package cache

import "fmt"

// NewTypedSharedIndexInformer gives informer, whose objects must be Ts, the type-safe methods of
// TypedSharedIndexInformer, as client-go's function of the name does. An informer that has them
// already (every kubegen informer of T) is returned as it is. Any other is viewed through a wrapper:
// its typed handlers get the objects that are Ts, the object inside a DeletedFinalStateUnknown on
// delete, and nothing for objects of another type (which a T informer never holds).
func NewTypedSharedIndexInformer[T Object](informer SharedIndexInformer) TypedSharedIndexInformer[T] {
	if typed, ok := informer.(TypedSharedIndexInformer[T]); ok {
		return typed
	}
	return typedView[T]{informer}
}

// typedView adds the typed methods to an untyped informer.
type typedView[T Object] struct{ SharedIndexInformer }

// AddTypedEventHandler implements TypedSharedIndexInformer.
func (v typedView[T]) AddTypedEventHandler(handler TypedResourceEventHandler[T], options ...HandlerOptions) (ResourceEventHandlerRegistration, error) {
	switch len(options) {
	case 0:
		return v.AddEventHandler(typedHandler[T]{handler})
	case 1:
		return v.AddEventHandlerWithOptions(typedHandler[T]{handler}, options[0])
	}
	return nil, fmt.Errorf("cache: at most one HandlerOptions, got %d", len(options))
}

// AddTypedIndexers implements TypedSharedIndexInformer.
func (v typedView[T]) AddTypedIndexers(indexers TypedIndexers[T]) error {
	return v.AddIndexers(TypedIndexersToIndexers(indexers))
}

// GetTypedIndexer implements TypedSharedIndexInformer.
func (v typedView[T]) GetTypedIndexer() TypedIndexer[T] { return NewTypedIndexer[T](v.GetIndexer()) }

// typedHandler passes an untyped informer's events on to a typed handler.
type typedHandler[T Object] struct{ h TypedResourceEventHandler[T] }

func (t typedHandler[T]) OnAdd(obj any, isInInitialList bool) {
	if o, ok := obj.(T); ok {
		t.h.OnAdd(o, isInInitialList)
	}
}

func (t typedHandler[T]) OnUpdate(oldObj, newObj any) {
	o, oldOK := oldObj.(T)
	n, newOK := newObj.(T)
	if oldOK && newOK {
		t.h.OnUpdate(o, n)
	}
}

func (t typedHandler[T]) OnDelete(obj any) {
	if tombstone, ok := obj.(DeletedFinalStateUnknown); ok {
		obj = tombstone.Obj
	}
	if o, ok := obj.(T); ok {
		t.h.OnDelete(o)
	}
}
