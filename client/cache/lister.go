package cache

import (
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Lister reads objects of one resource from a cache. It returns the cached pointers themselves,
// without copying: never mutate them (DeepCopy first).
type Lister[T Object] struct {
	reader   Reader[T]
	resource schema.GroupResource
}

// NewLister returns a Lister over reader; resource names the resource in NotFound errors.
func NewLister[T Object](reader Reader[T], resource schema.GroupResource) *Lister[T] {
	return &Lister[T]{reader: reader, resource: resource}
}

// List returns the objects whose labels match selector, in all namespaces. A nil selector matches
// everything.
func (l *Lister[T]) List(selector labels.Selector) ([]T, error) {
	return filter(l.reader.List(), selector), nil
}

// Get returns the cluster-scoped object called name, or a NotFound *errors.StatusError.
func (l *Lister[T]) Get(name string) (T, error) {
	return get(l.reader, l.resource, name, name)
}

// Namespace returns a lister restricted to namespace.
func (l *Lister[T]) Namespace(namespace string) NamespaceLister[T] {
	return NamespaceLister[T]{reader: l.reader, resource: l.resource, namespace: namespace}
}

// NamespaceLister reads the objects of one namespace from a cache, returning the cached pointers
// (never mutate them).
type NamespaceLister[T Object] struct {
	reader    Reader[T]
	resource  schema.GroupResource
	namespace string
}

// List returns the objects of the namespace whose labels match selector. A nil selector matches
// everything.
func (l NamespaceLister[T]) List(selector labels.Selector) ([]T, error) {
	objs, err := l.reader.ByIndex(NamespaceIndex, l.namespace)
	if err != nil {
		return nil, err
	}
	return filter(objs, selector), nil
}

// Get returns the object called name in the namespace, or a NotFound *errors.StatusError.
func (l NamespaceLister[T]) Get(name string) (T, error) {
	return get(l.reader, l.resource, NamespacedKey(l.namespace, name), name)
}

func get[T Object](r Reader[T], resource schema.GroupResource, key, name string) (T, error) {
	obj, ok := r.GetByKey(key)
	if !ok {
		return obj, apierrors.NewNotFound(resource, name)
	}
	return obj, nil
}

// filter keeps the objects matching selector, reusing objs' storage.
func filter[T Object](objs []T, selector labels.Selector) []T {
	if selector == nil || selector.Empty() {
		return objs
	}
	out := objs[:0]
	for _, obj := range objs {
		if selector.Matches(labels.Set(obj.GetLabels())) {
			out = append(out, obj)
		}
	}
	clear(objs[len(out):])
	return out
}
