package workqueue

import (
	"fmt"
	"math"
	"testing"
	"time"
)

func TestExponentialRateLimiter(t *testing.T) {
	r := NewExponentialRateLimiter[string](time.Millisecond, 20*time.Millisecond)
	want := []time.Duration{1, 2, 4, 8, 16, 20, 20}
	for i, w := range want {
		if got := r.When("a"); got != w*time.Millisecond {
			t.Fatalf("attempt %d: When = %v, want %v", i+1, got, w*time.Millisecond)
		}
	}
	if got := r.When("b"); got != time.Millisecond {
		t.Fatalf("other key shares backoff: When(b) = %v", got)
	}
	if n := r.NumRequeues("a"); n != len(want) {
		t.Fatalf("NumRequeues(a) = %d, want %d", n, len(want))
	}
	r.Forget("a")
	if got := r.When("a"); got != time.Millisecond {
		t.Fatalf("after Forget When = %v, want base", got)
	}
}

func TestExponentialRateLimiterDoesNotOverflow(t *testing.T) {
	r := NewExponentialRateLimiter[int](time.Second, time.Hour)
	var last time.Duration
	for range 2000 {
		last = r.When(1)
	}
	if last != time.Hour {
		t.Fatalf("after many failures When = %v, want the max 1h", last)
	}
}

func TestBucketRateLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	r := NewBucketRateLimiter[string](2, 3)
	r.now = func() time.Time { return now }
	steps := []struct {
		advance time.Duration
		want    time.Duration
	}{
		{0, 0}, {0, 0}, {0, 0}, // burst of 3
		{0, 500 * time.Millisecond},  // 1 token owed at 2/s
		{0, 1000 * time.Millisecond}, // 2 owed
		{10 * time.Second, 0},        // refilled to the burst, not beyond
		{0, 0}, {0, 0},
		{0, 500 * time.Millisecond},
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if got := r.When("any"); got != s.want {
			t.Fatalf("step %d: When = %v, want %v", i, got, s.want)
		}
	}
	if r.NumRequeues("any") != 0 {
		t.Fatal("bucket limiter counted requeues")
	}
}

func TestMaxOfRateLimiter(t *testing.T) {
	exp := NewExponentialRateLimiter[string](time.Millisecond, time.Second)
	bucket := NewBucketRateLimiter[string](1, 1)
	now := time.Unix(0, 0)
	bucket.now = func() time.Time { return now }
	r := NewMaxOfRateLimiter[string](exp, bucket)
	if got := r.When("a"); got != time.Millisecond {
		t.Fatalf("first When = %v, want the exponential base 1ms", got)
	}
	if got := r.When("a"); got != time.Second {
		t.Fatalf("second When = %v, want the bucket's 1s", got)
	}
	if r.NumRequeues("a") != 2 {
		t.Fatalf("NumRequeues = %d, want 2", r.NumRequeues("a"))
	}
	r.Forget("a")
	if r.NumRequeues("a") != 0 {
		t.Fatal("Forget did not reach the exponential limiter")
	}
}

func TestDefaultRateLimiter(t *testing.T) {
	r := DefaultRateLimiter[string]()
	if got := r.When("a"); got != 5*time.Millisecond {
		t.Fatalf("first When = %v, want 5ms", got)
	}
	if got := r.When("a"); got != 10*time.Millisecond {
		t.Fatalf("second When = %v, want 10ms", got)
	}
}

// A bucket that never refills (qps 0 or less), or refills so slowly that the wait overflows a
// Duration, delays a key past its burst for the longest Duration, never for a negative one (which
// AddAfter would take as "now").
func TestBucketRateLimiterDegenerateRates(t *testing.T) {
	for _, qps := range []float64{0, -1, 1e-300} {
		t.Run(fmt.Sprint(qps), func(t *testing.T) {
			r := NewBucketRateLimiter[string](qps, 1)
			if got := r.When("a"); got != 0 {
				t.Fatalf("first When = %v, want 0 (burst)", got)
			}
			if got := r.When("a"); got != time.Duration(math.MaxInt64) {
				t.Fatalf("When past the burst = %v, want the longest Duration", got)
			}
		})
	}
}
