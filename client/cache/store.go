package cache

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// NamespaceIndex is the name of the index every Indexer has: objects by namespace.
const NamespaceIndex = "namespace"

// IndexFunc returns the values under which obj is indexed.
type TypedIndexFunc[T Object] func(obj T) ([]string, error)

// Indexers maps index names to their index functions.
type TypedIndexers[T Object] map[string]TypedIndexFunc[T]

// IndexByNamespace returns obj's namespace, the value NamespaceIndex indexes by.
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
type TypedStore[T Object] interface {
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
	AddIndexers(indexers TypedIndexers[T]) error
}

// store implements Indexer. Objects live in one map per namespace, keyed by the object's own name
// string, so the store allocates no key per object and the namespace index costs nothing extra.
type store[T Object] struct {
	mu       sync.RWMutex
	spaces   map[string]map[string]T // namespace -> name -> object
	count    int
	indexers TypedIndexers[T] // custom indexes only
	indices  map[string]index // custom index name -> value -> keys
}

// index maps an index value to the set of keys that have it.
type index map[string]map[string]struct{}

// NewTypedStore returns an empty Indexer with NamespaceIndex and the given extra indexes (an extra
// index named NamespaceIndex is ignored: the built-in one serves that name).
func NewTypedStore[T Object](indexers TypedIndexers[T]) TypedStore[T] {
	return newStore(indexers)
}

func newStore[T Object](indexers TypedIndexers[T]) *store[T] {
	s := &store[T]{spaces: map[string]map[string]T{}, indexers: TypedIndexers[T]{}, indices: map[string]index{}}
	for name, f := range indexers {
		if name != NamespaceIndex {
			s.indexers[name] = f
			s.indices[name] = index{}
		}
	}
	return s
}

// splitKey splits a key without allocating; a key without "/" is a cluster-scoped name.
func splitKey(key string) (namespace, name string) {
	if i := strings.IndexByte(key, '/'); i >= 0 {
		return key[:i], key[i+1:]
	}
	return "", key
}

// Add implements Indexer.
func (s *store[T]) Add(obj T) error { return s.put(obj) }

// Update implements Indexer.
func (s *store[T]) Update(obj T) error { return s.put(obj) }

func (s *store[T]) put(obj T) error {
	values, err := s.indexValues(obj)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(values) != len(s.indexers) {
		// AddIndexers ran since the values were computed (indexes are only ever added).
		if values, err = s.indexValuesLocked(obj); err != nil {
			return err
		}
	}
	ns, name := obj.GetNamespace(), obj.GetName()
	objs := s.spaces[ns]
	if objs == nil {
		objs = map[string]T{}
		s.spaces[ns] = objs
	}
	old, exists := objs[name]
	if exists && len(s.indexers) > 0 {
		s.unindex(NamespacedKey(ns, name), old)
	}
	if !exists {
		s.count++
	}
	objs[name] = obj
	if len(values) > 0 {
		s.index(NamespacedKey(ns, name), values)
	}
	return nil
}

// Delete implements Indexer.
func (s *store[T]) Delete(obj T) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ns, name := obj.GetNamespace(), obj.GetName()
	objs := s.spaces[ns]
	old, ok := objs[name]
	if !ok {
		return nil
	}
	if len(s.indexers) > 0 {
		s.unindex(NamespacedKey(ns, name), old)
	}
	delete(objs, name)
	if len(objs) == 0 {
		delete(s.spaces, ns)
	}
	s.count--
	return nil
}

// get returns the object called name in namespace.
func (s *store[T]) get(namespace, name string) (T, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	obj, ok := s.spaces[namespace][name]
	return obj, ok
}

// indexValues computes every custom index value of obj, so that a failing index function leaves
// the store untouched.
func (s *store[T]) indexValues(obj T) (map[string][]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.indexValuesLocked(obj)
}

// indexValuesLocked is indexValues for a caller holding s.mu.
func (s *store[T]) indexValuesLocked(obj T) (map[string][]string, error) {
	if len(s.indexers) == 0 {
		return nil, nil
	}
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
		s.indices[name].add(key, vs)
	}
}

func (idx index) add(key string, values []string) {
	for _, v := range values {
		keys := idx[v]
		if keys == nil {
			keys = map[string]struct{}{}
			idx[v] = keys
		}
		keys[key] = struct{}{}
	}
}

// unindex removes key from every custom index, recomputing old's values (index functions are
// pure).
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

// Replace implements Indexer.
func (s *store[T]) Replace(objs []T, _ string) error {
	_, err := s.swap(objs)
	return err
}

// swap replaces the content of the store with objs and returns the objects that are gone.
func (s *store[T]) swap(objs []T) (removed []T, err error) {
	spaces := map[string]map[string]T{}
	count := 0
	for _, obj := range objs {
		ns := obj.GetNamespace()
		m := spaces[ns]
		if m == nil {
			m = map[string]T{}
			spaces[ns] = m
		}
		if _, dup := m[obj.GetName()]; !dup {
			count++
		}
		m[obj.GetName()] = obj
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	indices, err := buildIndices(s.indexers, spaces)
	if err != nil {
		return nil, err
	}
	for ns, old := range s.spaces {
		kept := spaces[ns]
		for name, obj := range old {
			if _, ok := kept[name]; !ok {
				removed = append(removed, obj)
			}
		}
	}
	s.spaces, s.count, s.indices = spaces, count, indices
	return removed, nil
}

func buildIndices[T Object](indexers TypedIndexers[T], spaces map[string]map[string]T) (map[string]index, error) {
	indices := make(map[string]index, len(indexers))
	for name, f := range indexers {
		idx := index{}
		for ns, objs := range spaces {
			for n, obj := range objs {
				vs, err := f(obj)
				if err != nil {
					return nil, fmt.Errorf("cache: index %q of %s: %w", name, NamespacedKey(ns, n), err)
				}
				idx.add(NamespacedKey(ns, n), vs)
			}
		}
		indices[name] = idx
	}
	return indices, nil
}

// AddIndexers implements Indexer.
func (s *store[T]) AddIndexers(indexers TypedIndexers[T]) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for name := range indexers {
		if _, exists := s.indexers[name]; exists || name == NamespaceIndex {
			return fmt.Errorf("cache: index %q already exists", name)
		}
	}
	fresh, err := buildIndices(indexers, s.spaces)
	if err != nil {
		return err
	}
	for name, idx := range fresh {
		s.indexers[name] = indexers[name]
		s.indices[name] = idx
	}
	return nil
}

// GetByKey implements Indexer.
func (s *store[T]) GetByKey(key string) (T, bool) {
	return s.get(splitKey(key))
}

// List implements Indexer.
func (s *store[T]) List() []T {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]T, 0, s.count)
	for _, objs := range s.spaces {
		for _, obj := range objs {
			out = append(out, obj)
		}
	}
	return out
}

// ListKeys implements Indexer.
func (s *store[T]) ListKeys() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, s.count)
	for ns, objs := range s.spaces {
		for name := range objs {
			out = append(out, NamespacedKey(ns, name))
		}
	}
	return out
}

// Len implements Indexer.
func (s *store[T]) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.count
}

// ByIndex implements Indexer.
func (s *store[T]) ByIndex(indexName, value string) ([]T, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if indexName == NamespaceIndex {
		objs := s.spaces[value]
		out := make([]T, 0, len(objs))
		for _, obj := range objs {
			out = append(out, obj)
		}
		return out, nil
	}
	idx, ok := s.indices[indexName]
	if !ok {
		return nil, fmt.Errorf("cache: no index named %q", indexName)
	}
	keys := idx[value]
	out := make([]T, 0, len(keys))
	for key := range keys {
		ns, name := splitKey(key)
		out = append(out, s.spaces[ns][name])
	}
	return out, nil
}

// IndexKeys implements Indexer.
func (s *store[T]) IndexKeys(indexName, value string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if indexName == NamespaceIndex {
		out := make([]string, 0, len(s.spaces[value]))
		for name := range s.spaces[value] {
			out = append(out, NamespacedKey(value, name))
		}
		return out, nil
	}
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

// IndexValues implements Indexer.
func (s *store[T]) IndexValues(indexName string) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []string
	if indexName == NamespaceIndex {
		out = make([]string, 0, len(s.spaces))
		for ns := range s.spaces {
			out = append(out, ns)
		}
	} else {
		idx, ok := s.indices[indexName]
		if !ok {
			return nil, fmt.Errorf("cache: no index named %q", indexName)
		}
		out = make([]string, 0, len(idx))
		for v := range idx {
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out, nil
}

// valuesOf returns the values under which the named index files obj.
func (s *store[T]) valuesOf(indexName string, obj T) ([]string, error) {
	if indexName == NamespaceIndex {
		return []string{obj.GetNamespace()}, nil
	}
	s.mu.RLock()
	f, ok := s.indexers[indexName]
	s.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("cache: no index named %q", indexName)
	}
	return f(obj)
}
