package cowmap

import (
	"fmt"
	"sync"
	"testing"
)

func TestMap(t *testing.T) {
	var m Map
	if v, ok := m.Load("a"); ok || v != nil {
		t.Fatalf("empty map: Load = %v, %v", v, ok)
	}
	if v, loaded := m.LoadOrStore("a", 1); loaded || v != 1 {
		t.Fatalf("first LoadOrStore = %v, %v; want 1, false", v, loaded)
	}
	if v, loaded := m.LoadOrStore("a", 2); !loaded || v != 1 {
		t.Fatalf("second LoadOrStore = %v, %v; want the stored 1, true", v, loaded)
	}
	m.Store("a", 3)
	m.Store("b", 4)
	for k, want := range map[string]int{"a": 3, "b": 4} {
		if v, ok := m.Load(k); !ok || v != want {
			t.Errorf("Load(%q) = %v, %v; want %d, true", k, v, ok, want)
		}
	}
}

// TestMapConcurrent stores from several goroutines while others read (run it with -race): every
// value stored is found afterwards, and LoadOrStore hands every caller the same value for a key.
func TestMapConcurrent(t *testing.T) {
	var m Map
	const writers, keys = 4, 200
	var wg sync.WaitGroup
	got := make([][]any, writers)
	for w := range writers {
		got[w] = make([]any, keys)
		wg.Add(2)
		go func() {
			defer wg.Done()
			for k := range keys {
				got[w][k], _ = m.LoadOrStore(k, fmt.Sprintf("w%d", w))
			}
		}()
		go func() {
			defer wg.Done()
			for k := range keys {
				m.Load(k)
			}
		}()
	}
	wg.Wait()
	for k := range keys {
		v, ok := m.Load(k)
		if !ok {
			t.Fatalf("key %d lost", k)
		}
		for w := range writers {
			if got[w][k] != v {
				t.Fatalf("key %d: writer %d was given %v, the map holds %v", k, w, got[w][k], v)
			}
		}
	}
}
