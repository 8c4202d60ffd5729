package freshness

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/kubegen/kubegen/client/cache"
)

// ErrStale is wrapped by every *StaleError.
var ErrStale = errors.New("freshness: cache has not observed the write yet")

// StaleError is a wait for a write that the cache did not observe in time.
type StaleError struct {
	// Informer names the informer, Key the object ("namespace/name").
	Informer, Key string
	// Want is the resourceVersion written; Have the newest the cache had observed.
	Want, Have string
	// Waited is how long the wait lasted.
	Waited time.Duration
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("freshness: %s has not observed resourceVersion %s of %s after %s (newest observed: %q)",
		e.Informer, e.Want, e.Key, e.Waited.Round(time.Millisecond), e.Have)
}

// Unwrap makes errors.Is(err, ErrStale) true.
func (e *StaleError) Unwrap() error { return ErrStale }

// Options configure a Tracker.
type Options struct {
	// Timeout bounds each wait; 10 seconds when zero. A context deadline ends a wait sooner.
	Timeout time.Duration
	// OpaqueResourceVersions never compares resourceVersions: a write counts as observed only
	// when the cache echoes it (an event with the same resourceVersion) or deletes the object.
	// Set it for servers older than 1.35 or APIs whose resourceVersions are not integers.
	OpaqueResourceVersions bool
}

// Tracker follows what one informer has observed and waits for expected writes.
type Tracker[T cache.Object] struct {
	informer *cache.TypedInformer[T]
	opts     Options

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever an event arrives
	newest   uint64        // highest integer resourceVersion delivered (comparable mode)
	newestRV string
	pending  map[string]string // key -> resourceVersion expected and not yet observed
}

// NewTracker starts following informer through an event handler of its own.
func NewTracker[T cache.Object](informer *cache.TypedInformer[T], opts Options) (*Tracker[T], error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	t := &Tracker[T]{informer: informer, opts: opts, changed: make(chan struct{}), pending: map[string]string{}}
	_, err := informer.AddTypedEventHandler(cache.TypedResourceEventHandlerFuncs[T]{
		AddFunc:    func(obj T) { t.observe(obj, false) },
		UpdateFunc: func(_, obj T) { t.observe(obj, false) },
		DeleteFunc: func(obj T) { t.observe(obj, true) },
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Expect records a write the caller made: obj is what the server returned (its resourceVersion
// is the write's). Waits for obj's key then last until the cache has observed it.
func (t *Tracker[T]) Expect(obj T) {
	key := cache.MetaNamespaceKey(obj)
	rv := obj.GetResourceVersion()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.observedLocked(key, rv) {
		return
	}
	if old, ok := t.pending[key]; ok && t.comparable(old, rv) && parse(old) > parse(rv) {
		return // an even newer write is already expected
	}
	t.pending[key] = rv
}

// WaitFresh waits until the cache has observed every write Expected for key, or fails with a
// *StaleError after Options.Timeout, or with ctx's error.
func (t *Tracker[T]) WaitFresh(ctx context.Context, key string) error {
	start := time.Now()
	timer := time.NewTimer(t.opts.Timeout)
	defer timer.Stop()
	for {
		t.mu.Lock()
		want, ok := t.pending[key]
		if !ok || t.observedLocked(key, want) {
			delete(t.pending, key)
			t.mu.Unlock()
			return nil
		}
		changed, have := t.changed, t.newestRV
		t.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			return &StaleError{Informer: t.informer.String(), Key: key, Want: want, Have: have, Waited: time.Since(start)}
		case <-ctx.Done():
			return fmt.Errorf("freshness: waiting for %s of %s: %w", want, key, context.Cause(ctx))
		}
	}
}

// Get waits as WaitFresh does, then reads key from the informer's cache; found is false when the
// cache does not hold it.
func (t *Tracker[T]) Get(ctx context.Context, key string) (obj T, found bool, err error) {
	if err := t.WaitFresh(ctx, key); err != nil {
		return obj, false, err
	}
	obj, found = t.informer.Store().GetByKey(key)
	return obj, found, nil
}

// observe notes an event; deleted is true for a deletion.
func (t *Tracker[T]) observe(obj T, deleted bool) {
	key := cache.MetaNamespaceKey(obj)
	rv := obj.GetResourceVersion()
	t.mu.Lock()
	defer t.mu.Unlock()
	if n, err := strconv.ParseUint(rv, 10, 64); err == nil && n > t.newest {
		t.newest, t.newestRV = n, rv
	}
	if want, ok := t.pending[key]; ok && (deleted || want == rv) {
		delete(t.pending, key)
	}
	close(t.changed)
	t.changed = make(chan struct{})
}

// observedLocked reports whether the cache has observed rv for key. Callers hold t.mu.
func (t *Tracker[T]) observedLocked(key, rv string) bool {
	if !t.opts.OpaqueResourceVersions {
		if n, err := strconv.ParseUint(rv, 10, 64); err == nil {
			return t.newest >= n
		}
	}
	if cached, ok := t.informer.Store().GetByKey(key); ok {
		return cached.GetResourceVersion() == rv
	}
	return false
}

func (t *Tracker[T]) comparable(a, b string) bool {
	if t.opts.OpaqueResourceVersions {
		return false
	}
	_, errA := strconv.ParseUint(a, 10, 64)
	_, errB := strconv.ParseUint(b, 10, 64)
	return errA == nil && errB == nil
}

func parse(rv string) uint64 {
	n, _ := strconv.ParseUint(rv, 10, 64)
	return n
}
