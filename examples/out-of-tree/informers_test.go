package shop_test

import (
	"context"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	shopv1 "example.com/shop/apis/shop/v1"
	"example.com/shop/pkg/generated/clientset/fake"
	"example.com/shop/pkg/generated/informers"
)

// TestInformers runs the module's own generated informers over its fake clientset: the cache
// syncs, the listers read it, and it follows a create.
func TestInformers(t *testing.T) {
	cs := fake.NewClientset(
		&shopv1.Warehouse{ObjectMeta: metav1.ObjectMeta{Name: "north"}},
		&shopv1.Order{ObjectMeta: metav1.ObjectMeta{Namespace: "customers", Name: "o-1"}},
	)
	factory := informers.NewSharedInformerFactory(cs, 0)
	orders, warehouses := factory.Shop().V1().Orders(), factory.Shop().V1().Warehouses()
	orders.Informer()
	warehouses.Informer()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer factory.Shutdown()
	factory.Start(ctx.Done())
	if res := factory.WaitForCacheSyncWithContext(ctx); res.Err != nil {
		t.Fatal(res.Err)
	}
	if w, err := warehouses.Lister().Get("north"); err != nil || w.Name != "north" {
		t.Errorf("warehouse lister: %v %v", w, err)
	}
	if _, err := orders.Lister().Orders("customers").Get("o-2"); !apierrors.IsNotFound(err) {
		t.Errorf("order o-2 before it exists: %v, want NotFound", err)
	}
	if _, err := cs.ShopV1().Orders("customers").Create(ctx, &shopv1.Order{ObjectMeta: metav1.ObjectMeta{Name: "o-2"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	for {
		all, _ := orders.Lister().Orders("customers").List(labels.Everything())
		if len(all) == 2 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the cache never saw the new order: it holds %d", len(all))
		case <-time.After(5 * time.Millisecond):
		}
	}
}
