package rest

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"
)

func TestRateLimiterFromConfig(t *testing.T) {
	custom := NewTokenBucketRateLimiter(7, 1)
	tests := []struct {
		name    string
		qps     float32
		burst   int
		limiter RateLimiter
		wantQPS float32 // 0: no limiter
	}{
		{"defaults", 0, 0, nil, DefaultQPS},
		{"explicit", 50, 100, nil, 50},
		{"disabled", -1, 0, nil, 0},
		{"custom limiter wins", -1, 0, custom, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig("http://example.com", "")
			cfg.QPS, cfg.Burst, cfg.RateLimiter = tt.qps, tt.burst, tt.limiter
			c, err := RESTClientFor(cfg)
			if err != nil {
				t.Fatal(err)
			}
			l := c.GetRateLimiter()
			if tt.wantQPS == 0 {
				if l != nil {
					t.Errorf("limiter = %v, want none", l)
				}
				return
			}
			if l == nil || l.QPS() != tt.wantQPS {
				t.Errorf("limiter = %v, want QPS %v", l, tt.wantQPS)
			}
		})
	}
}

func TestTokenBucketBurst(t *testing.T) {
	l := NewTokenBucketRateLimiter(0.001, 2)
	defer l.Stop()
	if !l.TryAccept() || !l.TryAccept() {
		t.Fatal("a full bucket of 2 refused a token")
	}
	if l.TryAccept() {
		t.Error("an empty bucket gave a token")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx); err == nil {
		t.Error("Wait succeeded although the next token is ~1000s away")
	}
}

type countingLimiter struct{ waits atomic.Int32 }

func (l *countingLimiter) Wait(ctx context.Context) error { l.waits.Add(1); return ctx.Err() }
func (l *countingLimiter) TryAccept() bool                { return true }
func (l *countingLimiter) QPS() float32                   { return 1 }
func (l *countingLimiter) Stop()                          {}

func TestEveryAttemptWaitsForTheLimiter(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		}
	})
	c := testClient(t, srv.URL, "", nil)
	l := &countingLimiter{}
	c.limiter = l
	if err := c.Get().AbsPath("/").Do(context.Background()).Error(); err != nil {
		t.Fatal(err)
	}
	if got := l.waits.Load(); got != 2 {
		t.Errorf("limiter consulted %d times for 2 attempts", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.Get().AbsPath("/").Do(ctx).Error(); !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want the limiter's context.Canceled", err)
	}
}
