package cache

// ResourceEventHandler is told about changes to the objects of an informer. The objects are the
// cached pointers: never mutate them.
//
// Calls to one handler are sequential and in the order the changes happened; different handlers
// run concurrently, each at its own pace.
type TypedResourceEventHandler[T Object] interface {
	// OnAdd is called for an object the handler has not seen before. isInInitialList is true for
	// the objects of the informer's first list and for the current objects given to a handler
	// added after that.
	OnAdd(obj T, isInInitialList bool)
	// OnUpdate is called when an object changed, and with oldObj == newObj on a periodic resync.
	OnUpdate(oldObj, newObj T)
	// OnDelete is called when an object is gone. When the deletion was noticed by a relist rather
	// than a watch event, obj is the last state the cache knew.
	OnDelete(obj T)
}

// ResourceEventHandlerFuncs is a ResourceEventHandler made of optional functions; nil ones are
// skipped.
type TypedResourceEventHandlerFuncs[T Object] struct {
	AddFunc    func(obj T)
	UpdateFunc func(oldObj, newObj T)
	DeleteFunc func(obj T)
}

// OnAdd implements ResourceEventHandler.
func (f TypedResourceEventHandlerFuncs[T]) OnAdd(obj T, _ bool) {
	if f.AddFunc != nil {
		f.AddFunc(obj)
	}
}

// OnUpdate implements ResourceEventHandler.
func (f TypedResourceEventHandlerFuncs[T]) OnUpdate(oldObj, newObj T) {
	if f.UpdateFunc != nil {
		f.UpdateFunc(oldObj, newObj)
	}
}

// OnDelete implements ResourceEventHandler.
func (f TypedResourceEventHandlerFuncs[T]) OnDelete(obj T) {
	if f.DeleteFunc != nil {
		f.DeleteFunc(obj)
	}
}

// TypedFilteringResourceEventHandler passes on only the changes of objects that FilterFunc accepts: an
// update that makes an object pass the filter arrives as an add, one that makes it fail as a
// delete.
type TypedFilteringResourceEventHandler[T Object] struct {
	FilterFunc func(obj T) bool
	Handler    TypedResourceEventHandler[T]
}

// OnAdd implements ResourceEventHandler.
func (f TypedFilteringResourceEventHandler[T]) OnAdd(obj T, isInInitialList bool) {
	if f.FilterFunc(obj) {
		f.Handler.OnAdd(obj, isInInitialList)
	}
}

// OnUpdate implements ResourceEventHandler.
func (f TypedFilteringResourceEventHandler[T]) OnUpdate(oldObj, newObj T) {
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
func (f TypedFilteringResourceEventHandler[T]) OnDelete(obj T) {
	if f.FilterFunc(obj) {
		f.Handler.OnDelete(obj)
	}
}
