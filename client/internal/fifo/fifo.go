// Package fifo is the unbounded first-in first-out list behind the work queue's ready keys and the
// informer handlers' notification buffers.
//
// Layer: internal to client/cache and client/workqueue; it imports nothing.
package fifo

// Queue is an unbounded first-in first-out list backed by one slice. Popped slots are zeroed so
// they hold no references; the live part moves to the front when the slice is full and mostly
// consumed; a drained queue whose storage grew above shrinkAbove gives it back. The zero value is
// an empty queue. It is not safe for concurrent use.
type Queue[T any] struct {
	items []T
	head  int
}

// shrinkAbove is the capacity above which a drained queue drops its storage.
const shrinkAbove = 1024

// Len returns the number of items in the queue.
func (q *Queue[T]) Len() int { return len(q.items) - q.head }

// Push adds v at the back.
func (q *Queue[T]) Push(v T) {
	if q.head > 0 && len(q.items) == cap(q.items) && q.head >= len(q.items)/2 {
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items = q.items[:n]
		q.head = 0
	}
	q.items = append(q.items, v)
}

// Pop removes and returns the item at the front. It panics on an empty queue: check Len first.
func (q *Queue[T]) Pop() T {
	var zero T
	v := q.items[q.head]
	q.items[q.head] = zero
	q.head++
	if q.head == len(q.items) {
		q.head = 0
		if cap(q.items) > shrinkAbove {
			q.items = nil
		} else {
			q.items = q.items[:0]
		}
	}
	return v
}
