package portforward

import (
	"sync"
	"time"
)

// deadline is a settable point in time with a channel that is closed when it passes, for Read and
// Write to select on.
type deadline struct {
	mu      sync.Mutex
	timer   *time.Timer
	expired chan struct{} // kept while unexpired, so pending calls see a moved deadline
	gen     uint64        // bumped by every set; a stale timer does nothing
}

func newDeadline() *deadline { return &deadline{expired: make(chan struct{})} }

// set moves the deadline to t; the zero time means none.
func (d *deadline) set(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.gen++
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	select {
	case <-d.expired:
		d.expired = make(chan struct{}) // a new deadline starts unexpired
	default:
	}
	if t.IsZero() {
		return
	}
	wait := time.Until(t)
	if wait <= 0 {
		close(d.expired)
		return
	}
	gen := d.gen
	d.timer = time.AfterFunc(wait, func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.gen == gen {
			close(d.expired)
		}
	})
}

// done returns the channel closed when the current deadline passes.
func (d *deadline) done() <-chan struct{} {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.expired
}
