package workqueue

import (
	"sync"
	"time"

	"github.com/kubegen/kubegen/client/internal/fifo"
)

// Queue is a work queue of keys of type T. The zero value is not usable; create one with New.
// All methods are safe for concurrent use.
type Queue[T comparable] struct {
	mu         sync.Mutex
	readyCond  *sync.Cond // signalled when a key becomes ready or on shutdown
	drainCond  *sync.Cond // broadcast when processing finishes during a drain
	ready      fifo.Queue[T]
	dirty      map[T]struct{} // queued, or re-added while processing
	processing map[T]struct{}
	shutdown   bool
	draining   bool

	waiting waitHeap[T]
	timer   stopper
	limiter RateLimiter[T]
	clock   clock
}

// Options configure a Queue.
type Options[T comparable] struct {
	// RateLimiter decides how long AddRateLimited delays a key. Nil means DefaultRateLimiter.
	RateLimiter RateLimiter[T]
}

// New returns an empty queue configured by opts (the zero Options are fine).
func New[T comparable](opts Options[T]) *Queue[T] {
	limiter := opts.RateLimiter
	if limiter == nil {
		limiter = DefaultRateLimiter[T]()
	}
	q := &Queue[T]{
		dirty:      map[T]struct{}{},
		processing: map[T]struct{}{},
		waiting:    waitHeap[T]{index: map[T]int{}},
		limiter:    limiter,
		clock:      realClock{},
	}
	q.readyCond = sync.NewCond(&q.mu)
	q.drainCond = sync.NewCond(&q.mu)
	return q
}

// Add queues key unless it is already queued. A key being processed is queued again after Done.
// Add does nothing once the queue is shutting down.
func (q *Queue[T]) Add(key T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.addLocked(key)
}

func (q *Queue[T]) addLocked(key T) {
	if q.shutdown {
		return
	}
	if _, queued := q.dirty[key]; queued {
		return
	}
	q.dirty[key] = struct{}{}
	if _, busy := q.processing[key]; busy {
		return
	}
	q.ready.Push(key)
	q.readyCond.Signal()
}

// Get blocks until a key is ready and returns it; the caller must call Done(key) when finished with
// it. After ShutDown, Get keeps returning the keys still queued and then returns shutdown == true.
func (q *Queue[T]) Get() (key T, shutdown bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.ready.Len() == 0 && !q.shutdown {
		q.readyCond.Wait()
	}
	if q.ready.Len() == 0 {
		var zero T
		return zero, true
	}
	key = q.ready.Pop()
	q.processing[key] = struct{}{}
	delete(q.dirty, key)
	return key, false
}

// Done marks key as processed. If key was added again while it was being processed, it is queued
// now. Done for a key that is not being processed does nothing.
func (q *Queue[T]) Done(key T) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, busy := q.processing[key]; !busy {
		return
	}
	delete(q.processing, key)
	if _, again := q.dirty[key]; again {
		q.ready.Push(key)
		q.readyCond.Signal()
	}
	if q.draining {
		q.drainCond.Broadcast()
	}
}

// Len returns the number of keys ready to be handed out (not counting delayed keys or keys being
// processed).
func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.ready.Len()
}

// ShutDown makes the queue refuse new keys, drops delayed keys and wakes all workers blocked in
// Get. Keys already queued are still handed out by Get. It does not wait for anything.
func (q *Queue[T]) ShutDown() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shutdownLocked()
}

func (q *Queue[T]) shutdownLocked() {
	q.shutdown = true
	if q.timer != nil {
		q.timer.Stop()
		q.timer = nil
	}
	q.waiting.clear()
	q.readyCond.Broadcast()
}

// ShutDownWithDrain shuts the queue down like ShutDown and then blocks until every queued key has
// been handed out and every handed-out key is Done. Workers must keep calling Get until it reports
// shutdown, or ShutDownWithDrain waits forever.
func (q *Queue[T]) ShutDownWithDrain() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.draining = true
	q.shutdownLocked()
	for len(q.processing) > 0 || q.ready.Len() > 0 {
		q.drainCond.Wait()
	}
	q.draining = false
}

// ShuttingDown reports whether ShutDown or ShutDownWithDrain has been called.
func (q *Queue[T]) ShuttingDown() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.shutdown
}

// AddRateLimited queues key after the delay its RateLimiter gives it.
func (q *Queue[T]) AddRateLimited(key T) {
	q.AddAfter(key, q.limiter.When(key))
}

// Forget tells the RateLimiter that key was processed successfully, resetting its backoff. It does
// not remove key from the queue.
func (q *Queue[T]) Forget(key T) {
	q.limiter.Forget(key)
}

// NumRequeues returns how many times key was rate-limited since it was last forgotten.
func (q *Queue[T]) NumRequeues(key T) int {
	return q.limiter.NumRequeues(key)
}

// AddAfter queues key once delay has passed. If key is already waiting, the earlier of the two
// times wins. A delay of zero or less is the same as Add.
func (q *Queue[T]) AddAfter(key T, delay time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.shutdown {
		return
	}
	if delay <= 0 {
		q.addLocked(key)
		return
	}
	if q.waiting.schedule(key, q.clock.Now().Add(delay)) {
		q.armLocked()
	}
}

// armLocked (re)starts the timer for the earliest waiting key.
func (q *Queue[T]) armLocked() {
	if q.timer != nil {
		q.timer.Stop()
		q.timer = nil
	}
	next, ok := q.waiting.earliest()
	if !ok {
		return
	}
	q.timer = q.clock.AfterFunc(next.Sub(q.clock.Now()), q.releaseDue)
}

// releaseDue moves every waiting key whose time has come to the ready queue.
func (q *Queue[T]) releaseDue() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.shutdown {
		return
	}
	now := q.clock.Now()
	for {
		at, ok := q.waiting.earliest()
		if !ok || at.After(now) {
			break
		}
		q.addLocked(q.waiting.popEarliest())
	}
	q.armLocked()
}
