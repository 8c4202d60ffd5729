package rest

import (
	"context"

	"golang.org/x/time/rate"
)

// NewTokenBucketRateLimiter returns a RateLimiter that allows qps requests per second on average and
// bursts of up to burst requests. The bucket starts full.
func NewTokenBucketRateLimiter(qps float32, burst int) RateLimiter {
	if burst < 1 {
		burst = 1
	}
	return &tokenBucket{limiter: rate.NewLimiter(rate.Limit(qps), burst), qps: qps}
}

type tokenBucket struct {
	limiter *rate.Limiter
	qps     float32
}

// Wait blocks until a token is available or ctx is done. It fails at once when ctx's deadline would
// pass before a token arrives.
func (t *tokenBucket) Wait(ctx context.Context) error { return t.limiter.Wait(ctx) }

// TryAccept takes a token if one is available now.
func (t *tokenBucket) TryAccept() bool { return t.limiter.Allow() }

// QPS returns the sustained rate.
func (t *tokenBucket) QPS() float32 { return t.qps }

// Stop does nothing: the token bucket holds no goroutines or timers.
func (t *tokenBucket) Stop() {}

// rateLimiterFor returns the limiter c asks for: c.RateLimiter, none when QPS < 0, else a token bucket
// with the defaults filled in.
func rateLimiterFor(c *Config) RateLimiter {
	if c.RateLimiter != nil {
		return c.RateLimiter
	}
	qps, burst := c.QPS, c.Burst
	if qps < 0 {
		return nil
	}
	if qps == 0 {
		qps = DefaultQPS
	}
	if burst == 0 {
		burst = DefaultBurst
	}
	return NewTokenBucketRateLimiter(qps, burst)
}
