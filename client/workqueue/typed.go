package workqueue

import (
	"time"

	"golang.org/x/time/rate"
)

// This file gives the queue and its rate limiters the names client-go's workqueue package uses, so
// that a controller written against k8s.io/client-go/util/workqueue compiles with only its import
// path changed. Each name is the Queue or limiter above under another name; nothing here behaves
// differently.

// TypedInterface is a work queue of keys of type T: client-go's name for the basic queue methods.
type TypedInterface[T comparable] interface {
	// Add queues key unless it is already queued.
	Add(key T)
	// Len returns the number of keys ready to be handed out.
	Len() int
	// Get blocks until a key is ready and returns it, or returns shutdown true once the queue is
	// shut down and empty.
	Get() (key T, shutdown bool)
	// Done marks key as processed; a key added while it was processed is queued again.
	Done(key T)
	// ShutDown stops accepting keys and wakes every waiting worker.
	ShutDown()
	// ShutDownWithDrain is ShutDown that also waits until every handed-out key is Done.
	ShutDownWithDrain()
	// ShuttingDown reports whether ShutDown or ShutDownWithDrain has been called.
	ShuttingDown() bool
}

// TypedDelayingInterface is a TypedInterface that can also queue a key after a delay.
type TypedDelayingInterface[T comparable] interface {
	TypedInterface[T]
	// AddAfter queues key once delay has passed.
	AddAfter(key T, delay time.Duration)
}

// TypedRateLimitingInterface is a TypedDelayingInterface whose delays a RateLimiter decides.
type TypedRateLimitingInterface[T comparable] interface {
	TypedDelayingInterface[T]
	// AddRateLimited queues key after the delay the queue's rate limiter gives it.
	AddRateLimited(key T)
	// Forget resets key's backoff; it does not remove key from the queue.
	Forget(key T)
	// NumRequeues returns how many times key was rate-limited since it was last forgotten.
	NumRequeues(key T) int
}

// Interface, DelayingInterface and RateLimitingInterface are client-go's untyped queues, whose keys
// are any comparable values.
type (
	Interface             = TypedInterface[any]
	DelayingInterface     = TypedDelayingInterface[any]
	RateLimitingInterface = TypedRateLimitingInterface[any]
)

// Typed is client-go's name for the queue type.
type Typed[T comparable] = Queue[T]

// TypedRateLimiter is client-go's name for RateLimiter.
type TypedRateLimiter[T comparable] = RateLimiter[T]

// TypedItemExponentialFailureRateLimiter is client-go's name for ExponentialRateLimiter.
type TypedItemExponentialFailureRateLimiter[T comparable] = ExponentialRateLimiter[T]

// TypedMaxOfRateLimiter is client-go's name for MaxOfRateLimiter.
type TypedMaxOfRateLimiter[T comparable] = MaxOfRateLimiter[T]

var _ TypedRateLimitingInterface[string] = (*Queue[string])(nil)

// NewTyped returns an empty queue with the default rate limiter.
func NewTyped[T comparable]() *Typed[T] {
	return New(Options[T]{})
}

// NewTypedDelayingQueue returns an empty queue with the default rate limiter, as a delaying queue.
func NewTypedDelayingQueue[T comparable]() TypedDelayingInterface[T] {
	return New(Options[T]{})
}

// NewTypedRateLimitingQueue returns an empty queue whose AddRateLimited delays keys by rateLimiter
// (nil: DefaultTypedControllerRateLimiter).
func NewTypedRateLimitingQueue[T comparable](rateLimiter TypedRateLimiter[T]) TypedRateLimitingInterface[T] {
	return New(Options[T]{RateLimiter: rateLimiter})
}

// TypedRateLimitingQueueConfig is client-go's configuration of a rate-limiting queue. kubegen's
// queues export no metrics and take no clock, so only the name is kept, for the caller's own use.
type TypedRateLimitingQueueConfig[T comparable] struct {
	// Name names the queue. kubegen's queues publish no metrics under it.
	Name string
}

// NewTypedRateLimitingQueueWithConfig is NewTypedRateLimitingQueue; see TypedRateLimitingQueueConfig
// for what of config is used.
func NewTypedRateLimitingQueueWithConfig[T comparable](rateLimiter TypedRateLimiter[T], config TypedRateLimitingQueueConfig[T]) TypedRateLimitingInterface[T] {
	return NewTypedRateLimitingQueue(rateLimiter)
}

// NewRateLimitingQueue returns an untyped rate-limiting queue (client-go's deprecated form).
func NewRateLimitingQueue(rateLimiter TypedRateLimiter[any]) RateLimitingInterface {
	return NewTypedRateLimitingQueue(rateLimiter)
}

// DefaultTypedControllerRateLimiter is DefaultRateLimiter: the larger of a per-key exponential
// backoff from 5ms to 1000s and an overall bucket of 10 keys per second with a burst of 100.
func DefaultTypedControllerRateLimiter[T comparable]() TypedRateLimiter[T] {
	return DefaultRateLimiter[T]()
}

// DefaultControllerRateLimiter is DefaultTypedControllerRateLimiter for untyped queues.
func DefaultControllerRateLimiter() TypedRateLimiter[any] {
	return DefaultRateLimiter[any]()
}

// DefaultTypedItemBasedRateLimiter is a per-key exponential backoff from 1ms to 1000s.
func DefaultTypedItemBasedRateLimiter[T comparable]() TypedRateLimiter[T] {
	return NewExponentialRateLimiter[T](time.Millisecond, 1000*time.Second)
}

// NewTypedItemExponentialFailureRateLimiter is NewExponentialRateLimiter: a per-key backoff of
// baseDelay*2^n up to maxDelay.
func NewTypedItemExponentialFailureRateLimiter[T comparable](baseDelay, maxDelay time.Duration) TypedRateLimiter[T] {
	return NewExponentialRateLimiter[T](baseDelay, maxDelay)
}

// NewTypedMaxOfRateLimiter is NewMaxOfRateLimiter: a key waits as long as the strictest limiter says.
func NewTypedMaxOfRateLimiter[T comparable](limiters ...TypedRateLimiter[T]) TypedRateLimiter[T] {
	return NewMaxOfRateLimiter(limiters...)
}

// TypedBucketRateLimiter is an overall token bucket of golang.org/x/time/rate shared by all keys,
// as in client-go: &TypedBucketRateLimiter[K]{Limiter: rate.NewLimiter(qps, burst)}. It keeps no
// per-key state. BucketRateLimiter is the same without the rate dependency in the caller's code.
type TypedBucketRateLimiter[T comparable] struct {
	*rate.Limiter
}

// When implements RateLimiter: it reserves a token and returns how long until it is available.
func (r *TypedBucketRateLimiter[T]) When(T) time.Duration {
	return r.Limiter.Reserve().Delay()
}

// Forget implements RateLimiter; the bucket keeps no per-key state.
func (r *TypedBucketRateLimiter[T]) Forget(T) {}

// NumRequeues implements RateLimiter; the bucket keeps no per-key state.
func (r *TypedBucketRateLimiter[T]) NumRequeues(T) int { return 0 }
