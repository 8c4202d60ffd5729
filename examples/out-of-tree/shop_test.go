package shop_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	shopv1 "example.com/shop/apis/shop/v1"
	"example.com/shop/pkg/generated/clientset/fake"
)

// TestGeneratedCodeIsUpToDate runs the Makefile's verify target: the checked-in deep copies and
// clients must be exactly what `go tool kubegen` generates from the types now.
func TestGeneratedCodeIsUpToDate(t *testing.T) {
	out, err := exec.Command("make", "verify").CombinedOutput()
	if err != nil {
		t.Fatalf("make verify: %v\n%s", err, out)
	}
}

// TestReleaseStubStillHolds runs the Makefile's release-stub and api-diff targets the way a release
// manager does: re-cutting the v1.0 stub of an unchanged clientset writes nothing, and diff-api
// reports no change. (The stub itself compiles as part of go test ./....)
func TestReleaseStubStillHolds(t *testing.T) {
	if out, err := exec.Command("make", "release-stub", "RELEASE=v1.0").CombinedOutput(); err != nil ||
		strings.Contains(string(out), "written") {
		t.Fatalf("make release-stub on an unchanged clientset: %v\n%s", err, out)
	}
	out, err := exec.Command("make", "api-diff", "RELEASE=v1.0").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 change(s), compatible") {
		t.Fatalf("make api-diff: %v\n%s", err, out)
	}
}

// TestFakeClientset uses the module's own generated fake clientset.
func TestFakeClientset(t *testing.T) {
	ctx := context.Background()
	cs := fake.NewClientset(&shopv1.Warehouse{ObjectMeta: metav1.ObjectMeta{Name: "north"}, Address: "1 Dock Road"})
	orders := cs.ShopV1().Orders("customers")
	order := &shopv1.Order{ObjectMeta: metav1.ObjectMeta{Name: "o-1"}, Spec: shopv1.OrderSpec{Items: map[string]int32{"A-100": 2}, Warehouse: "north"}}
	created, err := orders.Create(ctx, order, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created.Status.Phase = "Shipped"
	shipped, err := orders.UpdateStatus(ctx, created, metav1.UpdateOptions{})
	if err != nil || shipped.Status.Phase != "Shipped" || shipped.Spec.Items["A-100"] != 2 {
		t.Fatalf("UpdateStatus: %v %+v", err, shipped)
	}
	if _, err := orders.Update(ctx, created, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Errorf("update with a stale resourceVersion: %v, want Conflict", err)
	}
	w, err := cs.ShopV1().Warehouses().Get(ctx, "north", metav1.GetOptions{})
	if err != nil || w.Address != "1 Dock Road" {
		t.Errorf("seeded warehouse: %v %+v", err, w)
	}
}
