package workqueue

import (
	"container/heap"
	"time"
)

// waitHeap holds delayed keys ordered by the time they become ready; each key appears at most once.
type waitHeap[T comparable] struct {
	entries []waitEntry[T]
	index   map[T]int // key -> position in entries
}

type waitEntry[T comparable] struct {
	key T
	at  time.Time
}

// schedule records that key is ready at at, keeping the earlier time if key is already waiting.
// It reports whether the earliest time of the heap may have changed.
func (h *waitHeap[T]) schedule(key T, at time.Time) bool {
	if i, ok := h.index[key]; ok {
		if !at.Before(h.entries[i].at) {
			return false
		}
		h.entries[i].at = at
		heap.Fix(h, i)
		return true
	}
	heap.Push(h, waitEntry[T]{key: key, at: at})
	return true
}

func (h *waitHeap[T]) earliest() (time.Time, bool) {
	if len(h.entries) == 0 {
		return time.Time{}, false
	}
	return h.entries[0].at, true
}

func (h *waitHeap[T]) popEarliest() T {
	return heap.Pop(h).(waitEntry[T]).key
}

func (h *waitHeap[T]) clear() {
	h.entries = nil
	clear(h.index)
}

// Len implements heap.Interface.
func (h *waitHeap[T]) Len() int { return len(h.entries) }

// Less implements heap.Interface.
func (h *waitHeap[T]) Less(i, j int) bool { return h.entries[i].at.Before(h.entries[j].at) }

// Swap implements heap.Interface.
func (h *waitHeap[T]) Swap(i, j int) {
	h.entries[i], h.entries[j] = h.entries[j], h.entries[i]
	h.index[h.entries[i].key] = i
	h.index[h.entries[j].key] = j
}

// Push implements heap.Interface.
func (h *waitHeap[T]) Push(x any) {
	e := x.(waitEntry[T])
	h.index[e.key] = len(h.entries)
	h.entries = append(h.entries, e)
}

// Pop implements heap.Interface.
func (h *waitHeap[T]) Pop() any {
	last := len(h.entries) - 1
	e := h.entries[last]
	h.entries[last] = waitEntry[T]{}
	h.entries = h.entries[:last]
	delete(h.index, e.key)
	return e
}
