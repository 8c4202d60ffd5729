package cache

import (
	"hash/maphash"
	"maps"
	"sync"

	"github.com/kubegen/kubegen/client/internal/intern"
)

// internStrings makes the repeating metadata strings of obj share their bytes with equal strings
// of other objects, and packs the strings obj alone holds into one allocation, in one walk of obj;
// it is the default memory saver, safe because strings are immutable.
func internStrings[T Object](obj T) T {
	intern.Object(obj)
	return obj
}

// mapSharer makes cached objects with equal labels (or equal annotations) share one map; only
// InformerOptions.ShareEqualMapsUnsafe uses it. Label sets repeat a lot (every pod of a
// ReplicaSet, every object of a Helm release), and a small Go map costs over 300 bytes, but a
// shared map is changed for every object by a mutation of any one of them.
//
// It remembers maps in two generations of at most sharerGeneration entries each: when the current
// one fills up it becomes the previous one and the oldest is dropped, so the sharer's own memory
// stays bounded however many distinct maps pass through it.
type mapSharer struct {
	mu       sync.Mutex
	seed     maphash.Seed
	current  map[uint64][]map[string]string
	previous map[uint64][]map[string]string
	size     int
}

const sharerGeneration = 1 << 14

func newMapSharer() *mapSharer {
	return &mapSharer{seed: maphash.MakeSeed(), current: map[uint64][]map[string]string{}}
}

// share returns a remembered map equal to m, or remembers and returns m.
func (s *mapSharer) share(m map[string]string) map[string]string {
	if len(m) == 0 {
		return m
	}
	h := s.hash(m)
	s.mu.Lock()
	defer s.mu.Unlock()
	if shared, ok := find(s.current[h], m); ok {
		return shared
	}
	if shared, ok := find(s.previous[h], m); ok {
		s.remember(h, shared)
		return shared
	}
	s.remember(h, m)
	return m
}

func (s *mapSharer) remember(h uint64, m map[string]string) {
	if s.size == sharerGeneration {
		s.previous, s.current, s.size = s.current, map[uint64][]map[string]string{}, 0
	}
	s.current[h] = append(s.current[h], m)
	s.size++
}

func find(candidates []map[string]string, m map[string]string) (map[string]string, bool) {
	for _, c := range candidates {
		if maps.Equal(c, m) {
			return c, true
		}
	}
	return nil, false
}

// hash is independent of iteration order: it adds up one hash per entry.
func (s *mapSharer) hash(m map[string]string) uint64 {
	var sum uint64
	for k, v := range m {
		// Mixing the value's hash keeps {a: b} and {b: a} apart.
		sum += maphash.String(s.seed, k) ^ (maphash.String(s.seed, v) * 0x9e3779b97f4a7c15)
	}
	return sum
}

// shareMaps returns a TransformFunc sharing the labels and annotations of objects.
func shareMaps[T Object](s *mapSharer) TypedTransformFunc[T] {
	return func(obj T) T {
		if l := obj.GetLabels(); len(l) > 0 {
			obj.SetLabels(s.share(l))
		}
		if a := obj.GetAnnotations(); len(a) > 0 {
			obj.SetAnnotations(s.share(a))
		}
		return obj
	}
}
