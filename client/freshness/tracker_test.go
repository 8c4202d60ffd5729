package freshness_test

import (
	"context"
	"errors"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/freshness"
	"github.com/kubegen/kubegen/kubernetes/fake"
)

func TestWaitFresh(t *testing.T) {
	for _, opaque := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		cs := fake.NewClientset()
		cms := cs.CoreV1().ConfigMaps("ns")
		informer := cache.NewSharedIndexInformer[*corev1.ConfigMap](cms, 0, nil)
		tracker, err := freshness.NewTracker(informer, freshness.Options{Timeout: 200 * time.Millisecond, OpaqueResourceVersions: opaque})
		if err != nil {
			t.Fatal(err)
		}
		go informer.RunWithContext(ctx)
		if err := cache.WaitForCacheSync(ctx, informer); err != nil {
			t.Fatal(err)
		}
		created, err := cms.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "a"}}, metav1.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		tracker.Expect(created)
		got, found, err := tracker.Get(ctx, "ns/a")
		if err != nil || !found || got.ResourceVersion != created.ResourceVersion {
			t.Fatalf("opaque=%v: Get after create = %v %v %v", opaque, got, found, err)
		}

		// A write the cache never sees: a resourceVersion far ahead (or, opaque, one never echoed).
		ghost := created.DeepCopy()
		ghost.ResourceVersion = "999999"
		tracker.Expect(ghost)
		var stale *freshness.StaleError
		if _, _, err := tracker.Get(ctx, "ns/a"); !errors.Is(err, freshness.ErrStale) || !errors.As(err, &stale) ||
			stale.Want != "999999" || stale.Key != "ns/a" {
			t.Fatalf("opaque=%v: Get of an unobserved write: %v", opaque, err)
		}
		if err := tracker.WaitFresh(ctx, "ns/other"); err != nil {
			t.Fatalf("key with no expected write: %v", err)
		}
		cancel()
	}
}
