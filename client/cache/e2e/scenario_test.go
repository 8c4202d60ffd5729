//go:build e2e

package e2e_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/cache"
)

// backend is where a scenario runs: the real test cluster or the fake tracker.
type backend struct {
	client configMapClient
	// restart breaks every open watch, as an apiserver restart does, and returns once the server
	// answers again.
	restart func(t *testing.T)
	// expire breaks every open watch and makes every resourceVersion seen so far too old to
	// resume from (410 Gone).
	expire func(t *testing.T)
}

// scenario sizes a run.
type scenario struct {
	objects      int  // ConfigMaps created before the informer starts
	updated      int  // objects updated in the first phase ...
	updatesEach  int  // ... this many times each, every update observed
	useWatchList bool // sync with a streaming watch-list instead of a paginated list
}

// runScenario syncs an informer over b, checks that it sees every update in order, then breaks its
// watch (restart) and, with its watch held back, expires its resourceVersion and changes objects,
// so that resuming fails with 410 and it must relist. After each phase the cache must equal the server's
// state object by object, and no handler may ever see a second add for an object it has.
func runScenario(t *testing.T, b backend, s scenario) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	names := make([]string, s.objects)
	for i := range names {
		names[i] = fmt.Sprintf("cm-%05d", i)
	}
	parallel(t, names, func(name string) error { return create(ctx, b.client, name, 0) })

	lw := newGatedLW(b.client)
	hist := newHistory()
	var expired atomic.Int32
	inf := cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, cache.InformerOptions{
		NoWatchList: !s.useWatchList,
		Backoff:     cache.Backoff{Initial: 50 * time.Millisecond, Max: time.Second},
		WatchErrorHandler: func(err error) {
			if isGone(err) {
				expired.Add(1)
			}
		},
	})
	if _, err := inf.AddTypedEventHandler(hist); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		inf.RunWithContext(ctx)
	}()
	defer func() { cancel(); <-done }()
	syncCtx, syncCancel := context.WithTimeout(ctx, 2*time.Minute)
	defer syncCancel()
	if err := cache.WaitForCacheSync(syncCtx, inf); err != nil {
		t.Fatal(err)
	}
	waitConverged(t, ctx, inf, b.client)

	// Phase 1: every update is observed, in order.
	updated := names[:s.updated]
	parallel(t, updated, func(name string) error {
		for seq := 1; seq <= s.updatesEach; seq++ {
			if err := update(ctx, b.client, name, seq); err != nil {
				return err
			}
		}
		return nil
	})
	hist.waitSeq(t, updated, s.updatesEach)
	want := make([]int, s.updatesEach+1)
	for i := range want {
		want[i] = i
	}
	for _, name := range updated {
		if got := hist.seqs(name); !slices.Equal(got, want) {
			t.Fatalf("%s: handler saw seq %v, want every update %v", name, got, want)
		}
	}

	// Phase 2: the server is killed and restarted while another client is writing.
	writes := make(chan error, 1)
	go func() {
		writes <- forEach(names[s.updated:2*s.updated], func(name string) error {
			for seq := 1; seq <= 3; seq++ {
				if err := update(ctx, b.client, name, seq); err != nil {
					return err
				}
			}
			return nil
		})
	}()
	b.restart(t)
	if err := <-writes; err != nil {
		t.Fatal(err)
	}
	waitConverged(t, ctx, inf, b.client)

	// Phase 3: with the informer's watch held back, objects change and history is compacted; the
	// resumed watch gets 410 and the informer relists.
	lw.hold()
	b.expire(t)
	changed := names[2*s.updated : 3*s.updated]
	parallel(t, changed, func(name string) error { return update(ctx, b.client, name, 7) })
	gone := names[3*s.updated : 3*s.updated+s.updated/2]
	parallel(t, gone, func(name string) error { return b.client.Delete(ctx, name, metav1.DeleteOptions{}) })
	added := make([]string, s.updated/2)
	for i := range added {
		added[i] = fmt.Sprintf("new-%05d", i)
	}
	parallel(t, added, func(name string) error { return create(ctx, b.client, name, 0) })
	listsBefore := lw.syncs.Load()
	lw.release()
	waitConverged(t, ctx, inf, b.client)
	if lw.syncs.Load() == listsBefore || expired.Load() == 0 {
		t.Fatalf("no relist after compaction: %d lists or watch-lists, %d expired errors", lw.syncs.Load()-listsBefore, expired.Load())
	}
	hist.check(t)
}

// waitConverged waits until the informer's cache equals the server's state object by object.
func waitConverged(t *testing.T, ctx context.Context, inf *cache.TypedInformer[*corev1.ConfigMap], c configMapClient) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		diff, err := compare(ctx, inf, c)
		if err == nil && diff == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cache never matched the server: %s (last list error: %v, informer error: %v)", diff, err, inf.LastSyncError())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// compare describes how the cache differs from the server, "" when it does not.
func compare(ctx context.Context, inf *cache.TypedInformer[*corev1.ConfigMap], c configMapClient) (string, error) {
	list, err := c.List(ctx, metav1.ListOptions{})
	if err != nil {
		return "", err
	}
	server := map[string]string{}
	for _, item := range list.Items {
		server[item.Name] = item.ResourceVersion + "/" + item.Data["seq"]
	}
	cached := map[string]string{}
	for _, item := range inf.Store().List() {
		cached[item.Name] = item.ResourceVersion + "/" + item.Data["seq"]
	}
	var diffs []string
	for name, s := range server {
		if c, ok := cached[name]; !ok {
			diffs = append(diffs, name+" missing")
		} else if c != s {
			diffs = append(diffs, fmt.Sprintf("%s stale: cached %s, server %s", name, c, s))
		}
	}
	for name := range cached {
		if _, ok := server[name]; !ok {
			diffs = append(diffs, name+" deleted on the server but cached")
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	if len(diffs) == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d objects on the server, %d cached: %v", len(server), len(cached), diffs), nil
}

func configMap(name string, seq int) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"test": "cache-e2e"}},
		Data:       map[string]string{"seq": strconv.Itoa(seq), "payload": "some data to make the object less tiny"},
	}
}

func create(ctx context.Context, c configMapClient, name string, seq int) error {
	return retry(ctx, func() error {
		_, err := c.Create(ctx, configMap(name, seq), metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			return nil // an earlier attempt got through
		}
		return err
	})
}

func update(ctx context.Context, c configMapClient, name string, seq int) error {
	return retry(ctx, func() error {
		_, err := c.Update(ctx, configMap(name, seq), metav1.UpdateOptions{})
		return err
	})
}

// retry retries fn while the server is down or settling after a restart.
func retry(ctx context.Context, fn func() error) error {
	var err error
	for attempt := range 40 {
		if err = fn(); err == nil {
			return nil
		}
		if apierrors.IsNotFound(err) || apierrors.IsInvalid(err) || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(min(attempt+1, 10)) * 50 * time.Millisecond)
	}
	return err
}

// parallel runs fn for every name with 8 workers and fails the test on any error.
func parallel(t *testing.T, names []string, fn func(name string) error) {
	t.Helper()
	if err := forEach(names, fn); err != nil {
		t.Fatal(err)
	}
}

// forEach runs fn for every name with 8 workers and returns every error.
func forEach(names []string, fn func(name string) error) error {
	work := make(chan string)
	errs := make(chan error, len(names))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for name := range work {
				if err := fn(name); err != nil {
					errs <- fmt.Errorf("%s: %w", name, err)
				}
			}
		})
	}
	for _, name := range names {
		work <- name
	}
	close(work)
	wg.Wait()
	close(errs)
	return errors.Join(slices.Collect(chanValues(errs))...)
}

func chanValues[T any](ch <-chan T) func(func(T) bool) {
	return func(yield func(T) bool) {
		for v := range ch {
			if !yield(v) {
				return
			}
		}
	}
}

func isGone(err error) bool {
	var status apierrors.APIStatus
	return errors.As(err, &status) && status.Status().Code == 410
}

// gatedLW counts full syncs (lists and watch-lists) and can hold back new watches.
type gatedLW struct {
	configMapClient
	syncs atomic.Int32 // lists and watch-lists
	mu    sync.Mutex
	gate  chan struct{} // closed while watches may start
}

func newGatedLW(c configMapClient) *gatedLW {
	g := &gatedLW{configMapClient: c, gate: make(chan struct{})}
	close(g.gate)
	return g
}

func (g *gatedLW) List(ctx context.Context, opts metav1.ListOptions) (*corev1.ConfigMapList, error) {
	g.syncs.Add(1)
	return g.configMapClient.List(ctx, opts)
}

func (g *gatedLW) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	g.mu.Lock()
	gate := g.gate
	g.mu.Unlock()
	select {
	case <-gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if opts.SendInitialEvents != nil && *opts.SendInitialEvents {
		g.syncs.Add(1)
	}
	return g.configMapClient.Watch(ctx, opts)
}

// hold makes new watches wait until release.
func (g *gatedLW) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.gate = make(chan struct{})
}

func (g *gatedLW) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	close(g.gate)
}
