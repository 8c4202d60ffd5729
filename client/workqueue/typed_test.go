package workqueue_test

import (
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/kubegen/kubegen/client/workqueue"
)

// TestTypedNames builds a queue the way k8s.io/sample-controller does, with client-go's names, and
// checks that the limiters it combines decide the delays.
func TestTypedNames(t *testing.T) {
	bucket := &workqueue.TypedBucketRateLimiter[string]{Limiter: rate.NewLimiter(rate.Limit(1), 2)}
	limiter := workqueue.NewTypedMaxOfRateLimiter(
		workqueue.NewTypedItemExponentialFailureRateLimiter[string](5*time.Millisecond, 20*time.Millisecond),
		bucket,
	)
	// The bucket admits its burst of 2 at once; the exponential backoff decides those delays.
	if got := limiter.When("a"); got != 5*time.Millisecond {
		t.Errorf("first When(a) = %v, want 5ms (backoff; bucket has tokens)", got)
	}
	if got := limiter.When("a"); got != 10*time.Millisecond {
		t.Errorf("second When(a) = %v, want 10ms", got)
	}
	// The third key in the same instant waits for the bucket: about a second at 1 qps.
	if got := limiter.When("b"); got < 500*time.Millisecond {
		t.Errorf("When(b) with the bucket empty = %v, want about 1s", got)
	}
	if n := limiter.NumRequeues("a"); n != 2 {
		t.Errorf("NumRequeues(a) = %d, want 2", n)
	}
	limiter.Forget("a")
	if n := limiter.NumRequeues("a"); n != 0 {
		t.Errorf("NumRequeues(a) after Forget = %d, want 0", n)
	}

	var q workqueue.TypedRateLimitingInterface[string] = workqueue.NewTypedRateLimitingQueueWithConfig(
		workqueue.NewTypedItemExponentialFailureRateLimiter[string](time.Millisecond, time.Millisecond),
		workqueue.TypedRateLimitingQueueConfig[string]{Name: "foos"})
	q.AddRateLimited("default/foo")
	key, shutdown := q.Get()
	if shutdown || key != "default/foo" {
		t.Fatalf("Get = %q, %v; want default/foo, false", key, shutdown)
	}
	q.Done(key)
	q.ShutDown()
	if _, shutdown := q.Get(); !shutdown {
		t.Error("Get after ShutDown: shutdown false")
	}
}

// TestUntypedNames: client-go's deprecated untyped queue takes keys of any comparable type.
func TestUntypedNames(t *testing.T) {
	q := workqueue.NewRateLimitingQueue(workqueue.DefaultControllerRateLimiter())
	defer q.ShutDown()
	q.Add("default/foo")
	q.Add(42)
	if q.Len() != 2 {
		t.Fatalf("Len = %d, want 2", q.Len())
	}
	first, _ := q.Get()
	second, _ := q.Get()
	if first != "default/foo" || second != 42 {
		t.Errorf("Get = %v, %v; want default/foo, 42", first, second)
	}
}
