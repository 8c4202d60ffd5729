package cache

import (
	"fmt"
	"sort"
	"sync"
)

// NamespaceIndex is the name of the index every Indexer has: objects by namespace.
const NamespaceIndex = "namespace"

// IndexFunc returns the values under which obj is indexed.
type IndexFunc[T Object] func(obj T) ([]string, error)

// Indexers maps index names to their index functions.
type Indexers[T Object] map[string]IndexFunc[T]

// IndexByNamespace indexes objects by their namespace; it backs NamespaceIndex.
func IndexByNamespace[T Object](obj T) ([]string, error) {
	return []string{obj.GetNamespace()}, nil
}

// Reader is the read side of an Indexer; listers need nothing more.
type Reader[T Object] interface {
	// GetByKey returns the object stored under key ("namespace/name" or "name").
	GetByKey(key string) (T, bool)
	// List returns every stored object, in no particular order.
	List() []T
	// ListKeys returns every key, in no particular order.
	ListKeys() []string
	// Len returns the number of stored objects.
	Len() int
	// ByIndex returns the objects whose index function returned value.
	ByIndex(indexName, value string) ([]T, error)
	// IndexKeys returns the keys of the objects whose index function returned value.
	IndexKeys(indexName, value string) ([]string, error)
	// IndexValues returns every value the named index currently holds, sorted.
	IndexValues(indexName string) ([]string, error)
}

// Indexer is a thread-safe store of objects keyed by MetaNamespaceKey, with indexes. It returns
// the stored pointers themselves: callers must not mutate them.
type Indexer[T Object] interface {
	Reader[T]
	// Add stores obj, replacing any object with the same key.
	Add(obj T) error
	// Update is Add.
	Update(obj T) error
	// Delete removes the object with obj's key.
	Delete(obj T) error
	// Replace makes objs the whole content of the store. resourceVersion is informational.
	Replace(objs []T, resourceVersion string) error
	// AddIndexers adds indexes and indexes the objects already stored.
	AddIndexers(indexers Indexers[T]) error
}

// store implements Indexer.
type store[T Object] struct {
	mu       sync.RWMutex
	items    map[string]T
	indexers Indexers[T]
	indices  map[string]index // index name -> value -> keys
}

// index maps an index value to the set of keys that have it.
type index map[string]map[string]struct{}

// NewIndexer returns an empty Indexer with NamespaceIndex and the given extra indexes.
func NewIndexer[T Object](indexers Indexers[T]) Indexer[T] {
	return newStore(indexers)
}

func newStore[T Object](indexers Indexers[T]) *store[T] {
	s := &store[T]{
		items:    map[string]T{},
		indexers: Indexers[T]{NamespaceIndex: IndexByNamespace[T]},
		indices:  map[string]index{NamespaceIndex: {}},
	}
	for name, f := range indexers {
		s.indexers[name] = f
		s.indices[name] = index{}
	}
	return s
}

func (s *store[T]) Add(obj T) error    { return s.put(MetaNamespaceKey(obj), obj) }
func (s *store[T]) Update(obj T) error { return s.put(MetaNamespaceKey(obj), obj) }

func (s *store[T]) Delete(obj T) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := MetaNamespaceKey(obj)
	if old, ok := s.items[key]; ok {
		s.unindex(key, old)
		delete(s.items, key)
	}
	return nil
}

func (s *store[T]) put(key string, obj T) error {
	values, err := s.indexValues(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.items[key]; ok {
		s.unindex(key, old)
	}
	s.items[key] = obj
	s.index(key, values)
	return nil
}

// indexValues computes every index value of obj, so that a failing index function leaves the
// store untouched.
func (s *store[T]) indexValues(obj T) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	values := make(map[string][]string, len(s.indexers))
	for name, f := range s.indexers {
		v, err := f(obj)
		if err != nil {
			return nil, fmt.Errorf("cache: index %q of %s: %w", name, MetaNamespaceKey(obj), err)
		}
		values[name] = v
	}
	return values, nil
}

func (s *store[T]) index(key string, values map[string][]string) {
	for name, vs := range values {
		idx := s.indices[name]
		for _, v := range vs {
			keys := idx[v]
			if keys == nil {
				keys = map[string]struct{}{}
				idx[v] = keys
			}
			keys[key] = struct{}{}
		}
	}
}

// unindex removes key from every index, recomputing old's values (index functions are pure).
func (s *store[T]) unindex(key string, old T) {
	for name, f := range s.indexers {
		vs, err := f(old)
		if err != nil {
			continue // it could not have been indexed either
		}
		idx := s.indices[name]
		for _, v := range vs {
			delete(idx[v], key)
			if len(idx[v]) == 0 {
				delete(idx, v)
			}
		}
	}
}

func (s *store[T]) Replace(objs []T, _ string) error {
	_, err := s.swap(objs)
	return err
}

// swap replaces the content of the store with objs and returns the objects that are gone.
func (s *store[T]) swap(objs []T) (removed []T, err error) {
	items := make(map[string]T, len(objs))
	for _, obj := range objs {
		items[MetaNamespaceKey(obj)] = obj
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := buildIndices(s.indexers, items)
	if err != nil {
		return nil, err
	}
	for key, old := range s.items {
		if _, kept := items[key]; !kept {
			removed = append(removed, old)
		}
	}
	s.items, s.indices = items, indices
	return removed, nil
}

func buildIndices[T Object](indexers Indexers[T], items map[string]T) (map[string]index, error) {
	indices := make(map[string]index, len(indexers))
	for name, f := range indexers {
		idx := index{}
		for key, obj := range items {
			vs, err := f(obj)
			if err != nil {
				return nil, fmt.Errorf("cache: index %q of %s: %w", name, key, err)
			}
			for _, v := range vs {
				if idx[v] == nil {
					idx[v] = map[string]struct{}{}
				}
				idx[v][key] = struct{}{}
			}
		}
		indices[name] = idx
	}
	return indices, nil
}

func (s *store[T]) AddIndexers(indexers Indexers[T]) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	merged := Indexers[T]{}
	for name, f := range s.indexers {
		merged[name] = f
	}
	for name, f := range indexers {
		if _, exists := merged[name]; exists {
			return fmt.Errorf("cache: index %q already exists", name)
		}
		merged[name] = f
	}
	fresh, err := buildIndices(indexers, s.items)
	if err != nil {
		return err
	}
	for name, idx := range fresh {
		s.indices[name] = idx
	}
	s.indexers = merged
	return nil
}

func (s *store[T]) GetByKey(key string) (T, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	obj, ok := s.items[key]
	return obj, ok
}

func (s *store[T]) List() []T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]T, 0, len(s.items))
	for _, obj := range s.items {
		out = append(out, obj)
	}
	return out
}

func (s *store[T]) ListKeys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.items))
	for key := range s.items {
		out = append(out, key)
	}
	return out
}

func (s *store[T]) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.items)
}

func (s *store[T]) ByIndex(indexName, value string) ([]T, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	idx, ok := s.indices[indexName]
	if !ok {
		return nil, fmt.Errorf("cache: no index named %q", indexName)
	}
	keys := idx[value]
	out := make([]T, 0, len(keys))
	for key := range keys {
		out = append(out, s.items[key])
	}
	return out, nil
}

func (s *store[T]) IndexKeys(indexName, value string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	idx, ok := s.indices[indexName]
	if !ok {
		return nil, fmt.Errorf("cache: no index named %q", indexName)
	}
	out := make([]string, 0, len(idx[value]))
	for key := range idx[value] {
		out = append(out, key)
	}
	return out, nil
}

func (s *store[T]) IndexValues(indexName string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	idx, ok := s.indices[indexName]
	if !ok {
		return nil, fmt.Errorf("cache: no index named %q", indexName)
	}
	out := make([]string, 0, len(idx))
	for v := range idx {
		out = append(out, v)
	}
	sort.Strings(out)
	return out, nil
}
