package workqueue

import (
	"math"
	"sync"
	"time"
)

// RateLimiter decides how long a key waits before it is retried.
type RateLimiter[T comparable] interface {
	// When returns how long key should wait now, and records the attempt.
	When(key T) time.Duration
	// Forget clears what the limiter remembers about key.
	Forget(key T)
	// NumRequeues returns how many times When was called for key since it was last forgotten.
	NumRequeues(key T) int
}

// DefaultRateLimiter returns the limiter queues use unless told otherwise: the larger of a per-key
// exponential backoff from 5ms up to 1000s and an overall token bucket of 10 keys per second with a
// burst of 100.
func DefaultRateLimiter[T comparable]() RateLimiter[T] {
	return NewMaxOfRateLimiter(
		NewExponentialRateLimiter[T](5*time.Millisecond, 1000*time.Second),
		NewBucketRateLimiter[T](10, 100),
	)
}

// ExponentialRateLimiter delays a key by base*2^n, where n is the number of times the key was
// rate-limited since it was last forgotten, up to max.
type ExponentialRateLimiter[T comparable] struct {
	mu       sync.Mutex
	failures map[T]int
	base     time.Duration
	max      time.Duration
}

// NewExponentialRateLimiter returns a per-key exponential backoff from base up to max.
func NewExponentialRateLimiter[T comparable](base, max time.Duration) *ExponentialRateLimiter[T] {
	return &ExponentialRateLimiter[T]{failures: map[T]int{}, base: base, max: max}
}

// When implements RateLimiter.
func (r *ExponentialRateLimiter[T]) When(key T) time.Duration {
	r.mu.Lock()
	n := r.failures[key]
	r.failures[key] = n + 1
	r.mu.Unlock()
	d := float64(r.base) * math.Pow(2, float64(n))
	if d > float64(r.max) {
		return r.max
	}
	return time.Duration(d)
}

// Forget implements RateLimiter.
func (r *ExponentialRateLimiter[T]) Forget(key T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.failures, key)
}

// NumRequeues implements RateLimiter.
func (r *ExponentialRateLimiter[T]) NumRequeues(key T) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failures[key]
}

// BucketRateLimiter is a token bucket shared by all keys: it admits burst keys at once and then qps
// keys per second, delaying the rest. It does not track keys, so NumRequeues is always 0.
type BucketRateLimiter[T comparable] struct {
	mu     sync.Mutex
	qps    float64
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
}

// NewBucketRateLimiter returns a token bucket that refills at qps tokens per second and holds at
// most burst tokens (it starts full). A qps of 0 or less never refills: once the burst is spent, When
// returns the longest Duration.
func NewBucketRateLimiter[T comparable](qps float64, burst int) *BucketRateLimiter[T] {
	return &BucketRateLimiter[T]{qps: qps, burst: float64(burst), tokens: float64(burst), now: time.Now}
}

// When implements RateLimiter: it takes a token, and if none was left returns how long until the
// token taken on credit will have been refilled.
func (r *BucketRateLimiter[T]) When(T) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if !r.last.IsZero() && r.qps > 0 {
		r.tokens = math.Min(r.burst, r.tokens+now.Sub(r.last).Seconds()*r.qps)
	}
	r.last = now
	r.tokens--
	if r.tokens >= 0 {
		return 0
	}
	wait := -r.tokens / r.qps * float64(time.Second)
	if r.qps <= 0 || wait >= math.MaxInt64 {
		return time.Duration(math.MaxInt64) // never refilled in any Duration
	}
	return time.Duration(wait)
}

// Forget implements RateLimiter; the bucket keeps no per-key state.
func (r *BucketRateLimiter[T]) Forget(T) {}

// NumRequeues implements RateLimiter; the bucket keeps no per-key state.
func (r *BucketRateLimiter[T]) NumRequeues(T) int { return 0 }

// MaxOfRateLimiter asks every limiter and returns the longest delay.
type MaxOfRateLimiter[T comparable] struct {
	limiters []RateLimiter[T]
}

// NewMaxOfRateLimiter combines limiters: a key waits as long as the strictest of them says.
func NewMaxOfRateLimiter[T comparable](limiters ...RateLimiter[T]) *MaxOfRateLimiter[T] {
	return &MaxOfRateLimiter[T]{limiters: limiters}
}

// When implements RateLimiter.
func (r *MaxOfRateLimiter[T]) When(key T) time.Duration {
	var longest time.Duration
	for _, l := range r.limiters {
		longest = max(longest, l.When(key))
	}
	return longest
}

// Forget implements RateLimiter.
func (r *MaxOfRateLimiter[T]) Forget(key T) {
	for _, l := range r.limiters {
		l.Forget(key)
	}
}

// NumRequeues implements RateLimiter: the largest count of any limiter.
func (r *MaxOfRateLimiter[T]) NumRequeues(key T) int {
	n := 0
	for _, l := range r.limiters {
		n = max(n, l.NumRequeues(key))
	}
	return n
}
