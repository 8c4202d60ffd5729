package fake_test

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// TestExtendedMethodHelpers: the helpers behind +genclient:method verbs create, list and patch
// (issue 13) create in the collection, list it into the result's type and patch into the result,
// as the real server would; a list of a subresource is NotFound unless a reactor answers.
func TestExtendedMethodHelpers(t *testing.T) {
	ctx := context.Background()
	c := configMaps(newTracker(t), "ns")
	created := &corev1.ConfigMap{}
	if err := c.CreateSubresource(ctx, "", "", cm("ns", "a", nil), &metav1.CreateOptions{}, created); err != nil || created.Name != "a" || created.ResourceVersion == "" {
		t.Fatalf("create in the collection: %+v, %v", created.ObjectMeta, err)
	}
	var list corev1.ConfigMapList
	if err := c.ListSubresource(ctx, "", "", metav1.ListOptions{}, &list); err != nil || len(list.Items) != 1 {
		t.Fatalf("list: %d items, %v", len(list.Items), err)
	}
	patched := &corev1.ConfigMap{}
	if err := c.PatchSubresource(ctx, "a", types.MergePatchType, []byte(`{"data":{"k":"w"}}`), metav1.PatchOptions{}, patched); err != nil || patched.Data["k"] != "w" {
		t.Fatalf("patch: %v, %v", patched.Data, err)
	}
	if err := c.ListSubresource(ctx, "a", "history", metav1.ListOptions{}, &list); !apierrors.IsNotFound(err) {
		t.Errorf("list of a subresource: %v, want NotFound", err)
	}
	if err := c.CreateSubresource(ctx, "", "", &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}}, &metav1.CreateOptions{}, created); !apierrors.IsBadRequest(err) {
		t.Errorf("create of another type: %v, want BadRequest", err)
	}
}
