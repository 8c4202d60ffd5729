package cache

import (
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
)

// GenericInformer is an informer and lister with the object type erased, for code that picks a
// resource at run time (a generated factory's ForResource).
type GenericInformer interface {
	// Informer returns the underlying informer.
	Informer() SharedIndexInformer
	// Lister returns a lister over its cache.
	Lister() GenericLister
}

// GenericLister reads a cache with the object type erased.
type GenericLister interface {
	// List returns the objects whose labels match selector.
	List(selector labels.Selector) ([]runtime.Object, error)
	// Get returns the cluster-scoped object called name.
	Get(name string) (runtime.Object, error)
	// ByNamespace returns a lister restricted to namespace.
	ByNamespace(namespace string) GenericNamespaceLister
}

// GenericNamespaceLister reads the objects of one namespace with the object type erased.
type GenericNamespaceLister interface {
	// List returns the objects of the namespace whose labels match selector.
	List(selector labels.Selector) ([]runtime.Object, error)
	// Get returns the object called name in the namespace.
	Get(name string) (runtime.Object, error)
}

// Generic erases the object type of an informer.
func Generic[T Object](i *TypedInformer[T]) GenericInformer {
	return genericInformer[T]{i}
}

type genericInformer[T Object] struct{ i *TypedInformer[T] }

// Informer implements GenericInformer.
func (g genericInformer[T]) Informer() SharedIndexInformer { return g.i }

// Lister implements GenericInformer.
func (g genericInformer[T]) Lister() GenericLister { return genericLister[T]{g.i.Lister()} }

type genericLister[T Object] struct{ l *Lister[T] }

// List implements GenericLister.
func (g genericLister[T]) List(selector labels.Selector) ([]runtime.Object, error) {
	return erase(g.l.List(selector))
}

// Get implements GenericLister.
func (g genericLister[T]) Get(name string) (runtime.Object, error) { return eraseOne(g.l.Get(name)) }

// ByNamespace implements GenericLister.
func (g genericLister[T]) ByNamespace(namespace string) GenericNamespaceLister {
	return genericNamespaceLister[T]{g.l.Namespace(namespace)}
}

type genericNamespaceLister[T Object] struct{ l NamespaceLister[T] }

// List implements GenericNamespaceLister.
func (g genericNamespaceLister[T]) List(selector labels.Selector) ([]runtime.Object, error) {
	return erase(g.l.List(selector))
}

// Get implements GenericNamespaceLister.
func (g genericNamespaceLister[T]) Get(name string) (runtime.Object, error) {
	return eraseOne(g.l.Get(name))
}

func erase[T Object](objs []T, err error) ([]runtime.Object, error) {
	if err != nil {
		return nil, err
	}
	out := make([]runtime.Object, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out, nil
}

func eraseOne[T Object](obj T, err error) (runtime.Object, error) {
	if err != nil {
		return nil, err
	}
	return obj, nil
}
