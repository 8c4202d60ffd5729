package controller

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/workqueue"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	typedstablev1 "github.com/kubegen/kubegen/examples/crd/generated/clientset/typed/stable/v1"
	informersstablev1 "github.com/kubegen/kubegen/examples/crd/generated/informers/stable/v1"
)

// DefaultWorkers is the number of workers of a controller whose Options.Workers is 0.
const DefaultWorkers = 2

// Options configure a Controller. The zero value is usable.
type Options struct {
	// Workers is how many keys are reconciled at once; 0 means DefaultWorkers.
	Workers int
	// RateLimiter paces the retries of failed keys; nil means DefaultRateLimiter.
	RateLimiter workqueue.RateLimiter[string]
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// SyncTimeout bounds how long Run waits for the cache to sync; 0 waits until Run's context ends.
	SyncTimeout time.Duration
}

// DefaultRateLimiter retries a failing key after 5ms, doubling up to 30s, and retries at most 10
// keys per second overall (bursts of 100). The 30s ceiling keeps a controller that lost its
// apiserver for a while from waiting long after the server is back.
func DefaultRateLimiter() workqueue.RateLimiter[string] {
	return workqueue.NewMaxOfRateLimiter(
		workqueue.NewExponentialRateLimiter[string](5*time.Millisecond, 30*time.Second),
		workqueue.NewBucketRateLimiter[string](10, 100),
	)
}

// Controller keeps the status of every CronTab its informer sees in line with the spec.
type Controller struct {
	reconciler   *Reconciler
	informer     *cache.TypedInformer[*stablev1.CronTab]
	registration *cache.Registration[*stablev1.CronTab]
	queue        *workqueue.Queue[string]
	workers      int
	syncTimeout  time.Duration
}

// New returns a controller writing through client and watching CronTabs through informer, usually
// factory.Stable().V1().CronTabs() of a generated SharedInformerFactory. It registers its event
// handler at once; start the factory (factory.Start) before or after calling Run.
func New(client typedstablev1.CronTabsGetter, informer informersstablev1.CronTabInformer, opts Options) (*Controller, error) {
	limiter := opts.RateLimiter
	if limiter == nil {
		limiter = DefaultRateLimiter()
	}
	c := &Controller{
		reconciler: &Reconciler{Client: client, Lister: informer.Lister(), Now: opts.Now},
		informer:   informer.TypedInformer(),
		queue:      workqueue.New(workqueue.Options[string]{RateLimiter: limiter}),
		workers:    opts.Workers,

		syncTimeout: opts.SyncTimeout,
	}
	if c.workers <= 0 {
		c.workers = DefaultWorkers
	}
	reg, err := c.informer.AddTypedEventHandler(cache.TypedResourceEventHandlerFuncs[*stablev1.CronTab]{
		AddFunc:    c.enqueue,
		UpdateFunc: func(_, obj *stablev1.CronTab) { c.enqueue(obj) },
		DeleteFunc: c.enqueue,
	})
	if err != nil {
		return nil, fmt.Errorf("crontab controller: adding the event handler: %w", err)
	}
	c.registration = reg.(*cache.Registration[*stablev1.CronTab])
	return c, nil
}

// enqueue queues the key of obj. Handlers do nothing else: all work happens in the workers.
func (c *Controller) enqueue(obj *stablev1.CronTab) {
	c.queue.Add(cache.MetaNamespaceKey(obj))
}

// Run waits until the informer has synced and handed its objects to the controller, then runs the
// workers until ctx is done. It then stops taking new keys, waits for the workers to finish the
// ones they hold (ShutDownWithDrain) and returns nil. If the cache cannot sync before ctx ends (or
// Options.SyncTimeout passes), Run starts no worker and returns an error naming the informer and
// its last list or watch error: NotFound when the CRD is not installed, Forbidden when RBAC does
// not allow listing CronTabs. A Controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	logger := klog.FromContext(ctx).WithValues("controller", "crontab")
	ctx = klog.NewContext(ctx, logger)
	logger.Info("Waiting for the CronTab cache to sync")
	if err := c.waitForCacheSync(ctx); err != nil {
		c.queue.ShutDown()
		return err
	}
	logger.Info("Starting workers", "workers", c.workers)
	var wg sync.WaitGroup
	for range c.workers {
		wg.Go(func() {
			for c.processNextKey(ctx) {
			}
		})
	}
	<-ctx.Done()
	logger.Info("Shutting down: waiting for the workers to finish")
	c.queue.ShutDownWithDrain()
	wg.Wait()
	return nil
}

// waitForCacheSync waits for the informer and for the controller's handler to have been given
// every object of the first list.
func (c *Controller) waitForCacheSync(ctx context.Context) error {
	if c.syncTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.syncTimeout)
		defer cancel()
	}
	if err := cache.WaitForCacheSync(ctx, c.informer, c.registration); err != nil {
		return fmt.Errorf("crontab controller: the CronTab cache did not sync, no worker started: %w", err)
	}
	return nil
}

// processNextKey reconciles one key from the queue; it returns false once the queue has shut
// down. Keys handed out after ctx is done are dropped: the next run lists every object again.
func (c *Controller) processNextKey(ctx context.Context) bool {
	key, shutdown := c.queue.Get()
	if shutdown {
		return false
	}
	defer c.queue.Done(key)
	if ctx.Err() != nil {
		return true
	}
	c.handleResult(ctx, key, c.reconciler.Reconcile(ctx, key))
	return true
}

// handleResult forgets the backoff of a key that succeeded and requeues one that failed.
func (c *Controller) handleResult(ctx context.Context, key string, err error) {
	logger := klog.FromContext(ctx).WithValues("key", key)
	switch {
	case err == nil:
		c.queue.Forget(key)
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		// Shutting down: the write was cut short, and the next run will redo it.
	case errors.Is(err, ErrInvalidKey):
		logger.Error(err, "Dropping a key that names no object")
		c.queue.Forget(key)
	case apierrors.IsConflict(err):
		logger.V(2).Info("The cache was behind the server; retrying", "err", err)
		c.queue.AddRateLimited(key)
	default:
		logger.Error(err, "Reconciling failed; retrying", "retries", c.queue.NumRequeues(key))
		c.queue.AddRateLimited(key)
	}
}
