package cache

import (
	"context"
	"runtime"
	"testing"

	"github.com/kubegen/kubegen/client/internal/allocgate"
	corev1 "k8s.io/api/core/v1"
)

// TestAllocGate (issue 16 item 4) fails when the heap a synced informer keeps per cached object, or
// the allocations of its sync, grow more than 10% over the figures recorded in
// testdata/allocgate.txt. The objects are 5,000 ~1 KiB ConfigMaps decoded from JSON, as a client would.
func TestAllocGate(t *testing.T) {
	const n = 5000
	lw := newMemoryLW(n)
	figures := map[string]float64{}
	for _, tc := range []struct {
		name string
		opts InformerOptions
	}{
		{"default", InformerOptions{}},
		{"keep-managed-fields", InformerOptions{KeepManagedFields: true}},
	} {
		var inf *TypedInformer[*corev1.ConfigMap]
		var stop func()
		before := allocgate.HeapInUse()
		allocs, size := allocgate.PerOp(1, func() {
			if stop != nil {
				stop()
			}
			inf, stop = startSynced(t, lw, tc.opts)
		})
		after := allocgate.HeapInUse()
		if got := inf.Store().Len(); got != n {
			t.Fatalf("%s: synced %d objects, want %d", tc.name, got, n)
		}
		figures["sync-"+tc.name+"/heap-per-object"] = float64(after-min(before, after)) / n
		figures["sync-"+tc.name+"/allocs-per-object"] = allocs / n
		figures["sync-"+tc.name+"/bytes-per-object"] = size / n
		stop()
		runtime.KeepAlive(inf)
	}
	allocgate.Check(t, "testdata/allocgate.txt", figures)
}

// startSynced runs an informer over lw until it has synced, and returns it with the function that
// stops it.
func startSynced(t testing.TB, lw *memoryLW, opts InformerOptions) (*TypedInformer[*corev1.ConfigMap], func()) {
	inf := NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, opts)
	if _, err := inf.AddTypedEventHandler(TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		inf.RunWithContext(ctx)
	}()
	if err := WaitForCacheSync(ctx, inf); err != nil {
		t.Fatal(err)
	}
	return inf, func() { cancel(); <-done }
}
