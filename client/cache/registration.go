package cache

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kubegen/kubegen/client/internal/fifo"
)

// notifyKind says what a notification is about.
type notifyKind uint8

const (
	notifyAdd notifyKind = iota
	notifyUpdate
	notifyDelete
	notifySynced // marks the end of the handler's initial adds
)

// notification is one queued call to a handler.
type notification[T Object] struct {
	kind    notifyKind
	initial bool
	old     T
	obj     T
}

// Registration is one event handler added to an informer. Its buffer is unbounded and drained by
// its own goroutine, so a slow handler only delays itself.
type Registration[T Object] struct {
	informer *TypedInformer[T]
	handler  TypedResourceEventHandler[T]
	resync   time.Duration
	id       int

	mu       sync.Mutex
	pending  fifo.Queue[notification[T]]
	wake     chan struct{}
	stop     chan struct{}
	stopOnce sync.Once
	synced   atomic.Bool
}

func newRegistration[T Object](i *TypedInformer[T], h TypedResourceEventHandler[T], resync time.Duration, id int) *Registration[T] {
	return &Registration[T]{
		informer: i,
		handler:  h,
		resync:   resync,
		id:       id,
		wake:     make(chan struct{}, 1),
		stop:     make(chan struct{}),
	}
}

// HasSynced reports whether the informer has synced and this handler has processed every object
// of its initial list.
func (r *Registration[T]) HasSynced() bool {
	return r.synced.Load()
}

// String names the registration in sync errors.
func (r *Registration[T]) String() string {
	return fmt.Sprintf("handler #%d of %s", r.id, r.informer.name)
}

// LastSyncError returns the informer's last list or watch error.
func (r *Registration[T]) LastSyncError() error {
	return r.informer.LastSyncError()
}

// push queues notifications without ever blocking on the handler.
func (r *Registration[T]) push(ns ...notification[T]) {
	r.mu.Lock()
	for _, n := range ns {
		r.pending.Push(n)
	}
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *Registration[T]) pop() (notification[T], bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.pending.Len() == 0 {
		return notification[T]{}, false
	}
	return r.pending.Pop(), true
}

// close stops the handler's goroutine; pending notifications are dropped.
func (r *Registration[T]) close() {
	r.stopOnce.Do(func() { close(r.stop) })
}

// run delivers notifications until ctx is done or the registration is closed.
func (r *Registration[T]) run(ctx context.Context) {
	var tick <-chan time.Time
	if r.resync > 0 {
		t := time.NewTicker(r.resync)
		defer t.Stop()
		tick = t.C
	}
	for {
		if !r.deliverPending() {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-r.stop:
			return
		case <-r.wake:
		case <-tick:
			r.informer.resync(r)
		}
	}
}

// deliverPending hands every queued notification to the handler; it returns false if the
// registration was closed meanwhile.
func (r *Registration[T]) deliverPending() bool {
	for {
		select {
		case <-r.stop:
			return false
		default:
		}
		n, ok := r.pop()
		if !ok {
			return true
		}
		r.deliver(n)
	}
}

func (r *Registration[T]) deliver(n notification[T]) {
	switch n.kind {
	case notifyAdd:
		r.handler.OnAdd(n.obj, n.initial)
	case notifyUpdate:
		r.handler.OnUpdate(n.old, n.obj)
	case notifyDelete:
		r.handler.OnDelete(n.obj)
	case notifySynced:
		r.synced.Store(true)
	}
}
