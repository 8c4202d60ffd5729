//go:build e2e

package e2e_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

// A user without RBAC permission to list ConfigMaps: WaitForCacheSync must name the informer and say
// that listing was forbidden.
func TestWaitForCacheSyncReportsForbidden(t *testing.T) {
	ns := namespace(t)
	cfg, err := testCluster.Config(cluster.Auth{User: cluster.Limited, Credential: cluster.TokenInline})
	if err != nil {
		t.Fatal(err)
	}
	limited := configMapsOf(restClientFor(t, cfg, corev1.SchemeGroupVersion, rest.ContentTypeJSON), ns)
	allowed := clusterConfigMaps(t, ns, rest.ContentTypeJSON)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	denied := cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](limited, cache.InformerOptions{
		Name: "configmaps as the limited user", WatchErrorHandler: func(error) {},
	})
	ok := cache.NewSharedIndexInformerWithOptions[*corev1.ConfigMap](allowed, cache.InformerOptions{Name: "configmaps as admin"})
	for _, inf := range []*cache.TypedInformer[*corev1.ConfigMap]{denied, ok} {
		done := make(chan struct{})
		go func() { defer close(done); inf.RunWithContext(ctx) }()
		defer func() { cancel(); <-done }()
	}
	waitCtx, waitCancel := context.WithTimeout(ctx, 3*time.Second)
	defer waitCancel()
	err = cache.WaitForCacheSync(waitCtx, ok, denied)
	t.Logf("WaitForCacheSync: %v", err)
	var syncErr *cache.SyncError
	if !errors.As(err, &syncErr) || len(syncErr.Unsynced) != 1 || syncErr.Unsynced[0].Name != "configmaps as the limited user" {
		t.Fatalf("WaitForCacheSync = %v, want a SyncError naming only the limited user's informer", err)
	}
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), "forbidden") {
		t.Fatalf("error %q does not say listing was forbidden", err)
	}
	if !ok.HasSynced() {
		t.Fatal("the admin informer did not sync")
	}
}
