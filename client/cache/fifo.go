package cache

// fifo is an unbounded first-in first-out list that gives memory back once it is drained.
type fifo[T any] struct {
	items []T
	head  int
}

// shrinkAbove is the capacity above which a drained fifo drops its storage.
const shrinkAbove = 1024

func (f *fifo[T]) len() int { return len(f.items) - f.head }

func (f *fifo[T]) push(v T) {
	if f.head > 0 && len(f.items) == cap(f.items) && f.head >= len(f.items)/2 {
		n := copy(f.items, f.items[f.head:])
		clear(f.items[n:])
		f.items = f.items[:n]
		f.head = 0
	}
	f.items = append(f.items, v)
}

func (f *fifo[T]) pop() T {
	var zero T
	v := f.items[f.head]
	f.items[f.head] = zero
	f.head++
	if f.head == len(f.items) {
		f.head = 0
		if cap(f.items) > shrinkAbove {
			f.items = nil
		} else {
			f.items = f.items[:0]
		}
	}
	return v
}
