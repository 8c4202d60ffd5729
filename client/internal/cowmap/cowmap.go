// Package cowmap is a concurrent map for what is written a few times and then only read, such as
// what a decoder learns of each Go type: reads take no lock, and each write copies the map.
//
// It stands in for sync.Map in types that other packages see: sync.Map is built on a generic hash
// trie, and the compiler compiles that trie's methods (about 130 functions) again in every package
// whose types reach a sync.Map, even through pointers. The REST client's decoders are reached from
// every generated typed package.
//
// Layer: internal to client/rest's decoders (client/internal/fastjson, client/internal/fastproto), a
// leaf; it imports only the standard library.
package cowmap

import (
	"sync"
	"sync/atomic"
)

// Map maps keys to values. The zero value is empty and ready to use; it is safe for concurrent use
// and must not be copied after first use.
type Map struct {
	mu sync.Mutex   // serialises writes
	m  atomic.Value // map[any]any, never modified once stored
}

// Load returns the value stored for k, and whether there was one.
func (c *Map) Load(k any) (any, bool) {
	m, _ := c.m.Load().(map[any]any)
	v, ok := m[k]
	return v, ok
}

// Store sets the value for k.
func (c *Map) Store(k, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.store(k, v)
}

// LoadOrStore returns the value stored for k if there is one (and true); otherwise it stores v and
// returns it (and false).
func (c *Map) LoadOrStore(k, v any) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.Load(k); ok {
		return old, true
	}
	c.store(k, v)
	return v, false
}

// store copies the map with k set to v; c.mu must be held.
func (c *Map) store(k, v any) {
	old, _ := c.m.Load().(map[any]any)
	m := make(map[any]any, len(old)+1)
	for ok, ov := range old {
		m[ok] = ov
	}
	m[k] = v
	c.m.Store(m)
}
