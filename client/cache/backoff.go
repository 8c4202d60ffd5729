package cache

import (
	"context"
	"math/rand/v2"
	"time"
)

// Backoff configures how long a Reflector waits after a failed list or watch: Initial, then
// multiplied by Factor after each further failure up to Max, each wait stretched by a random
// fraction (up to Jitter) of itself. Any zero field takes its default.
type Backoff struct {
	Initial time.Duration // default 800ms
	Max     time.Duration // default 30s
	Factor  float64       // default 2
	Jitter  float64       // default 1: a wait lies in [d, 2d)
}

func (b Backoff) withDefaults() Backoff {
	if b.Initial <= 0 {
		b.Initial = 800 * time.Millisecond
	}
	if b.Max <= 0 {
		b.Max = 30 * time.Second
	}
	if b.Factor < 1 {
		b.Factor = 2
	}
	if b.Jitter <= 0 {
		b.Jitter = 1
	}
	return b
}

// backoff is the running state of a Backoff.
type backoff struct {
	cfg     Backoff
	current time.Duration
}

func newBackoff(cfg Backoff) *backoff {
	return &backoff{cfg: cfg.withDefaults()}
}

// next returns the next wait and lengthens the one after.
func (b *backoff) next() time.Duration {
	if b.current == 0 {
		b.current = b.cfg.Initial
	}
	d := b.current
	b.current = min(time.Duration(float64(b.current)*b.cfg.Factor), b.cfg.Max)
	return d + time.Duration(rand.Float64()*b.cfg.Jitter*float64(d))
}

// reset starts the sequence over after a success.
func (b *backoff) reset() { b.current = 0 }

// sleep waits d or until ctx is done; it reports whether the full wait elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
