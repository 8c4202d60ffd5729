package cache

import (
	"errors"

	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
)

// ErrNoInformer is wrapped by the error of a generated factory's ForResource for a resource it
// has no informer for.
var ErrNoInformer = errors.New("cache: no informer for resource")

// GenericInformer is a SharedIndexInformer with its object type erased, for code that chooses
// resources at run time (a generated factory's ForResource). For event handlers, type-assert
// Informer() to the *SharedIndexInformer[T] it is.
type GenericInformer interface {
	// Informer returns the informer itself.
	Informer() Informer
	// Lister reads the informer's cache as runtime.Objects (the cached pointers: never mutate them).
	Lister() GenericLister
}

// GenericLister is a Lister with its object type erased.
type GenericLister interface {
	// List returns the objects whose labels match selector, in all namespaces.
	List(selector labels.Selector) ([]runtime.Object, error)
	// Get returns the cluster-scoped object called name, or a NotFound error.
	Get(name string) (runtime.Object, error)
	// ByNamespace returns a lister restricted to namespace.
	ByNamespace(namespace string) GenericNamespaceLister
}

// GenericNamespaceLister is a NamespaceLister with its object type erased.
type GenericNamespaceLister interface {
	// List returns the objects of the namespace whose labels match selector.
	List(selector labels.Selector) ([]runtime.Object, error)
	// Get returns the object called name in the namespace, or a NotFound error.
	Get(name string) (runtime.Object, error)
}

// NewGenericInformer erases the object type of i.
func NewGenericInformer[T Object](i *SharedIndexInformer[T]) GenericInformer {
	return genericInformer[T]{i}
}

type genericInformer[T Object] struct{ i *SharedIndexInformer[T] }

func (g genericInformer[T]) Informer() Informer    { return g.i }
func (g genericInformer[T]) Lister() GenericLister { return genericLister[T]{g.i.Lister()} }

type genericLister[T Object] struct{ l *Lister[T] }

func (g genericLister[T]) List(selector labels.Selector) ([]runtime.Object, error) {
	return erase(g.l.List(selector))
}

func (g genericLister[T]) Get(name string) (runtime.Object, error) { return eraseOne(g.l.Get(name)) }

func (g genericLister[T]) ByNamespace(namespace string) GenericNamespaceLister {
	return genericNamespaceLister[T]{g.l.Namespace(namespace)}
}

type genericNamespaceLister[T Object] struct{ l NamespaceLister[T] }

func (g genericNamespaceLister[T]) List(selector labels.Selector) ([]runtime.Object, error) {
	return erase(g.l.List(selector))
}

func (g genericNamespaceLister[T]) Get(name string) (runtime.Object, error) {
	return eraseOne(g.l.Get(name))
}

func erase[T Object](objs []T, err error) ([]runtime.Object, error) {
	if err != nil {
		return nil, err
	}
	out := make([]runtime.Object, len(objs))
	for n, obj := range objs {
		out[n] = obj
	}
	return out, nil
}

// eraseOne returns a nil interface, not a typed nil pointer, with an error.
func eraseOne[T Object](obj T, err error) (runtime.Object, error) {
	if err != nil {
		return nil, err
	}
	return obj, nil
}
