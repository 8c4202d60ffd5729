package fifo

import "testing"

// Interleaved pushes and pops come out in push order, across compaction and shrinking.
func TestQueueOrder(t *testing.T) {
	tests := []struct {
		name          string
		pushes, batch int // push pushes items, popping batch of them after every batch pushes
	}{
		{"push all then pop all", 10, 10},
		{"one at a time", 100, 1},
		{"compacts a mostly consumed slice", 1000, 7},
		{"shrinks after a large burst", 5000, 5000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var q Queue[int]
			next := 0
			pop := func() {
				if got := q.Pop(); got != next {
					t.Fatalf("Pop = %d, want %d", got, next)
				}
				next++
			}
			for i := range tt.pushes {
				q.Push(i)
				if (i+1)%tt.batch == 0 {
					for range tt.batch {
						pop()
					}
				}
			}
			for q.Len() > 0 {
				pop()
			}
			if next != tt.pushes {
				t.Fatalf("popped %d items, want %d", next, tt.pushes)
			}
		})
	}
}

// A drained queue keeps small storage for reuse and drops large storage.
func TestQueueDrainedStorage(t *testing.T) {
	for _, n := range []int{10, 2 * shrinkAbove} {
		var q Queue[*int]
		for range n {
			q.Push(new(int))
		}
		for q.Len() > 0 {
			q.Pop()
		}
		if kept := cap(q.items) > 0; kept != (n <= shrinkAbove) {
			t.Errorf("%d items drained: storage kept = %v, want %v", n, kept, n <= shrinkAbove)
		}
	}
}

// Popped slots hold no reference to what they held.
func TestQueuePopClearsSlot(t *testing.T) {
	var q Queue[*int]
	q.Push(new(int))
	q.Push(new(int))
	q.Pop()
	if q.items[0] != nil {
		t.Fatal("popped slot still references its item")
	}
}
