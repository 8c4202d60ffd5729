// Package workqueue is a typed, rate-limited, delaying work queue for controllers.
//
// A Queue[T] hands out keys (usually "namespace/name" strings) to worker goroutines with these
// guarantees:
//
//   - a key queued several times before a worker takes it is handed out once (pending keys are
//     deduplicated);
//   - a key is never handed to two workers at once: a key added while it is being processed is
//     held back and handed out again after the worker calls Done;
//   - AddAfter delays a key; AddRateLimited delays it by the queue's RateLimiter (by default the
//     larger of an exponential per-key backoff and an overall token bucket), and Forget resets the
//     key's backoff once it has been processed successfully;
//   - ShutDown stops accepting keys and wakes every waiting worker; ShutDownWithDrain additionally
//     waits until the workers have finished every key they were handed and everything still queued.
//
// The queue starts no long-lived goroutine: delayed keys are released by a single timer, which
// ShutDown stops, so a shut-down queue leaves nothing running.
//
// client-go's names (TypedRateLimitingInterface, NewTypedRateLimitingQueue,
// NewTypedItemExponentialFailureRateLimiter, TypedBucketRateLimiter, ...) name the same queue and
// limiters, so controllers written against client-go's workqueue compile unchanged.
//
// Layer: workqueue is a leaf of kubegen's runtime; it imports only the standard library,
// client/internal/fifo and golang.org/x/time/rate (for TypedBucketRateLimiter), and may be used by
// package cache, generated code and controllers.
package workqueue
