package cache

import (
	"fmt"

	"k8s.io/apimachinery/pkg/api/meta"
)

// This file holds client-go's untyped store shapes (Store, Indexer, Indexers, IndexFunc) as views
// of a typed store: an informer's GetStore and GetIndexer, and NewIndexer for tests that fill a
// cache by hand before handing it to a generated lister.

// IndexFunc is client-go's untyped index function.
type IndexFunc func(obj any) ([]string, error)

// Indexers maps index names to untyped index functions.
type Indexers map[string]IndexFunc

// KeyFunc returns an object's cache key.
type KeyFunc func(obj any) (string, error)

// MetaNamespaceIndexFunc indexes an object by its namespace, the index NamespaceIndex names.
func MetaNamespaceIndexFunc(obj any) ([]string, error) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil, fmt.Errorf("cache: object %T has no metadata: %w", obj, err)
	}
	return []string{m.GetNamespace()}, nil
}

// Store is client-go's untyped cache interface.
type Store interface {
	Add(obj any) error
	Update(obj any) error
	Delete(obj any) error
	List() []any
	ListKeys() []string
	Get(obj any) (item any, exists bool, err error)
	GetByKey(key string) (item any, exists bool, err error)
	Replace(list []any, resourceVersion string) error
	Resync() error
}

// Indexer is client-go's untyped Store with indexes.
type Indexer interface {
	Store
	Index(indexName string, obj any) ([]any, error)
	IndexKeys(indexName, indexedValue string) ([]string, error)
	ListIndexFuncValues(indexName string) []string
	ByIndex(indexName, indexedValue string) ([]any, error)
	GetIndexers() Indexers
	AddIndexers(newIndexers Indexers) error
}

// NewIndexer returns an untyped Indexer of API objects (any Object), for tests and code that fill
// a cache by hand. Keys are always MetaNamespaceKeyFunc's ("namespace/name"): keyFunc must give
// the same keys, and NewIndexer returns them whatever it is. NamespaceIndex is built in.
func NewIndexer(keyFunc KeyFunc, indexers Indexers) Indexer {
	_ = keyFunc
	return &indexerView[Object]{s: newStore(IndexersToTypedIndexers[Object](indexers))}
}

// NewStore returns an untyped Store of API objects; see NewIndexer for keyFunc.
func NewStore(keyFunc KeyFunc) Store { return NewIndexer(keyFunc, nil) }

// TypedIndexersToIndexers returns untyped index functions calling typed ones; objects of another
// type are an error.
func TypedIndexersToIndexers[T Object](indexers TypedIndexers[T]) Indexers {
	if indexers == nil {
		return nil
	}
	out := make(Indexers, len(indexers))
	for name, f := range indexers {
		out[name] = func(obj any) ([]string, error) {
			t, err := asT[T](obj)
			if err != nil {
				return nil, err
			}
			return f(t)
		}
	}
	return out
}

// IndexersToTypedIndexers returns typed index functions calling untyped ones.
func IndexersToTypedIndexers[T Object](indexers Indexers) TypedIndexers[T] {
	if indexers == nil {
		return nil
	}
	out := make(TypedIndexers[T], len(indexers))
	for name, f := range indexers {
		out[name] = func(obj T) ([]string, error) { return f(obj) }
	}
	return out
}

// asT returns obj as a T, or an error naming both types.
func asT[T Object](obj any) (T, error) {
	t, ok := obj.(T)
	if !ok {
		var want T
		return t, fmt.Errorf("cache: got %T, this cache holds %T", obj, want)
	}
	return t, nil
}

// indexerView is the untyped Indexer over a typed store.
type indexerView[T Object] struct{ s *store[T] }

// AsIndexer returns the untyped Indexer view of a typed store made by NewTypedStore.
func AsIndexer[T Object](s TypedStore[T]) (Indexer, error) {
	st, ok := s.(*store[T])
	if !ok {
		return nil, fmt.Errorf("cache: %T is not a store made by NewTypedStore", s)
	}
	return &indexerView[T]{s: st}, nil
}

func (v *indexerView[T]) Add(obj any) error    { return v.put(obj) }
func (v *indexerView[T]) Update(obj any) error { return v.put(obj) }

func (v *indexerView[T]) put(obj any) error {
	t, err := asT[T](obj)
	if err != nil {
		return err
	}
	return v.s.put(t)
}

func (v *indexerView[T]) Delete(obj any) error {
	if d, ok := obj.(DeletedFinalStateUnknown); ok {
		obj = d.Obj
	}
	t, err := asT[T](obj)
	if err != nil {
		return err
	}
	return v.s.Delete(t)
}

func (v *indexerView[T]) List() []any        { return toAny(v.s.List()) }
func (v *indexerView[T]) ListKeys() []string { return v.s.ListKeys() }

func (v *indexerView[T]) Get(obj any) (any, bool, error) {
	key, err := MetaNamespaceKeyFunc(obj)
	if err != nil {
		return nil, false, err
	}
	return v.GetByKey(key)
}

func (v *indexerView[T]) GetByKey(key string) (any, bool, error) {
	t, ok := v.s.GetByKey(key)
	if !ok {
		return nil, false, nil
	}
	return t, true, nil
}

func (v *indexerView[T]) Replace(list []any, resourceVersion string) error {
	objs := make([]T, len(list))
	for i, o := range list {
		t, err := asT[T](o)
		if err != nil {
			return err
		}
		objs[i] = t
	}
	return v.s.Replace(objs, resourceVersion)
}

// Resync implements Store; a kubegen cache has nothing to resync.
func (v *indexerView[T]) Resync() error { return nil }

// Index returns the objects sharing an index value with obj.
func (v *indexerView[T]) Index(indexName string, obj any) ([]any, error) {
	t, err := asT[T](obj)
	if err != nil {
		return nil, err
	}
	objs, err := v.TypedIndex(indexName, t)
	if err != nil || objs == nil {
		return nil, err
	}
	return toAny(objs), nil
}

// TypedIndex implements TypedIndexer: the objects sharing an index value with obj.
func (v *indexerView[T]) TypedIndex(indexName string, obj T) ([]T, error) {
	values, err := v.s.valuesOf(indexName, obj)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []T
	for _, value := range values {
		objs, err := v.s.ByIndex(indexName, value)
		if err != nil {
			return nil, err
		}
		for _, o := range objs {
			if key := MetaNamespaceKey(o); !seen[key] {
				seen[key] = true
				out = append(out, o)
			}
		}
	}
	return out, nil
}

func (v *indexerView[T]) IndexKeys(indexName, indexedValue string) ([]string, error) {
	return v.s.IndexKeys(indexName, indexedValue)
}

// ListIndexFuncValues returns the values an index holds (none for an unknown index).
func (v *indexerView[T]) ListIndexFuncValues(indexName string) []string {
	values, _ := v.s.IndexValues(indexName)
	return values
}

// ByTypedIndex implements TypedIndexer, reading the typed store directly.
func (v *indexerView[T]) ByTypedIndex(indexName, indexedValue string) ([]T, error) {
	return v.s.ByIndex(indexName, indexedValue)
}

// AddTypedIndexers implements TypedIndexer.
func (v *indexerView[T]) AddTypedIndexers(newIndexers TypedIndexers[T]) error {
	return v.s.AddIndexers(newIndexers)
}

func (v *indexerView[T]) ByIndex(indexName, indexedValue string) ([]any, error) {
	objs, err := v.s.ByIndex(indexName, indexedValue)
	if err != nil {
		return nil, err
	}
	return toAny(objs), nil
}

// GetIndexers returns the store's indexes, NamespaceIndex included.
func (v *indexerView[T]) GetIndexers() Indexers {
	v.s.mu.RLock()
	defer v.s.mu.RUnlock()
	out := TypedIndexersToIndexers(v.s.indexers)
	if out == nil {
		out = Indexers{}
	}
	out[NamespaceIndex] = MetaNamespaceIndexFunc
	return out
}

func (v *indexerView[T]) AddIndexers(newIndexers Indexers) error {
	return v.s.AddIndexers(IndexersToTypedIndexers[T](newIndexers))
}

// typedReader lets listers read the typed store under the view without conversions.
func (v *indexerView[T]) typedReader() any { return v.s }

func toAny[T any](objs []T) []any {
	out := make([]any, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out
}

// ReaderOf returns a typed Reader over an untyped Indexer, as generated listers' New<Kind>Lister
// need: over an informer's GetIndexer() (or a NewIndexer holding T) it reads the typed cache
// directly; over any other Indexer it converts, skipping objects that are not T.
func ReaderOf[T Object](indexer Indexer) Reader[T] {
	if v, ok := indexer.(interface{ typedReader() any }); ok {
		if r, ok := v.typedReader().(Reader[T]); ok {
			return r
		}
	}
	return convertingReader[T]{indexer}
}

// convertingReader is a Reader[T] over an untyped Indexer.
type convertingReader[T Object] struct{ i Indexer }

func (c convertingReader[T]) GetByKey(key string) (T, bool) {
	obj, ok, err := c.i.GetByKey(key)
	var zero T
	if err != nil || !ok {
		return zero, false
	}
	t, ok := obj.(T)
	return t, ok
}

func (c convertingReader[T]) List() []T { return onlyT[T](c.i.List()) }

func (c convertingReader[T]) ListKeys() []string { return c.i.ListKeys() }

func (c convertingReader[T]) Len() int { return len(c.i.ListKeys()) }

func (c convertingReader[T]) ByIndex(indexName, value string) ([]T, error) {
	objs, err := c.i.ByIndex(indexName, value)
	if err != nil {
		return nil, err
	}
	return onlyT[T](objs), nil
}

func (c convertingReader[T]) IndexKeys(indexName, value string) ([]string, error) {
	return c.i.IndexKeys(indexName, value)
}

func (c convertingReader[T]) IndexValues(indexName string) ([]string, error) {
	return c.i.ListIndexFuncValues(indexName), nil
}

// onlyT keeps the objects that are T.
func onlyT[T Object](objs []any) []T {
	out := make([]T, 0, len(objs))
	for _, o := range objs {
		if t, ok := o.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// TypedIndexer is an Indexer with type-safe index queries, client-go's interface of the name.
type TypedIndexer[T Object] interface {
	Indexer
	// TypedIndex returns the objects sharing an index value with obj.
	TypedIndex(indexName string, obj T) ([]T, error)
	// ByTypedIndex returns the objects whose index function returned indexedValue.
	ByTypedIndex(indexName, indexedValue string) ([]T, error)
	// AddTypedIndexers adds typed indexes.
	AddTypedIndexers(newIndexers TypedIndexers[T]) error
}

// NewTypedIndexer gives indexer, whose objects must be Ts, the type-safe queries of TypedIndexer.
// The indexer of a kubegen informer of T is one already and is returned as it is; over any other,
// objects that are not Ts (which an indexer of T never holds) are left out of the answers.
func NewTypedIndexer[T Object](indexer Indexer) TypedIndexer[T] {
	if typed, ok := indexer.(TypedIndexer[T]); ok {
		return typed
	}
	return typedIndexer[T]{indexer}
}

type typedIndexer[T Object] struct{ Indexer }

func (i typedIndexer[T]) TypedIndex(indexName string, obj T) ([]T, error) {
	objs, err := i.Index(indexName, obj)
	if err != nil {
		return nil, err
	}
	return onlyT[T](objs), nil
}

func (i typedIndexer[T]) ByTypedIndex(indexName, indexedValue string) ([]T, error) {
	objs, err := i.ByIndex(indexName, indexedValue)
	if err != nil {
		return nil, err
	}
	return onlyT[T](objs), nil
}

func (i typedIndexer[T]) AddTypedIndexers(newIndexers TypedIndexers[T]) error {
	return i.AddIndexers(TypedIndexersToIndexers(newIndexers))
}
