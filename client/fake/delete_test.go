package fake_test

import (
	"context"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

func TestDelete(t *testing.T) {
	ctx := context.Background()
	c := configMaps(newTracker(t), "ns")
	obj := mustCreate(t, c, cm("ns", "a", nil))
	if err := c.Delete(ctx, "missing", metav1.DeleteOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("missing: %v", err)
	}
	otherUID, staleRV := types.UID("other"), "999"
	for _, p := range []*metav1.Preconditions{{UID: &otherUID}, {ResourceVersion: &staleRV}} {
		if err := c.Delete(ctx, "a", metav1.DeleteOptions{Preconditions: p}); !apierrors.IsConflict(err) {
			t.Errorf("precondition %+v: got %v, want Conflict", p, err)
		}
	}
	if err := c.Delete(ctx, "a", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &obj.UID, ResourceVersion: &obj.ResourceVersion}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "a", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("after delete: %v", err)
	}
}

func TestDeleteWithFinalizers(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	in := cm("ns", "a", nil)
	in.Finalizers = []string{"example.com/cleanup"}
	mustCreate(t, c, in)
	w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: tr.ResourceVersion()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	if err := c.Delete(ctx, "a", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	terminating, err := c.Get(ctx, "a", metav1.GetOptions{})
	if err != nil || terminating.DeletionTimestamp == nil {
		t.Fatalf("object with finalizers: err %v, deletionTimestamp %v; want it kept and marked", err, terminating.DeletionTimestamp)
	}
	terminating.Finalizers = nil
	if _, err := c.Update(ctx, terminating, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "a", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("after the last finalizer: %v, want NotFound", err)
	}
	got := nextN(t, w, 2)
	if got[0].Type != watch.Modified || got[1].Type != watch.Deleted {
		t.Errorf("events %v, want MODIFIED then DELETED", got)
	}
}

func TestDeleteCollection(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t,
		cm("a", "web", map[string]string{"app": "web"}), cm("a", "db", map[string]string{"app": "db"}),
		cm("b", "web", map[string]string{"app": "web"}))
	if err := configMaps(tr, "a").DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app=web"}); err != nil {
		t.Fatal(err)
	}
	list, err := configMaps(tr, "").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(list); !slices.Equal(got, []string{"a/db", "b/web"}) {
		t.Errorf("left %v", got)
	}
	err = configMaps(tr, "a").DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{FieldSelector: "spec.x=y"})
	if !apierrors.IsBadRequest(err) {
		t.Errorf("unsupported field: %v", err)
	}
	// kube-apiserver has no route for deleting a namespaced collection across all namespaces.
	err = configMaps(tr, "").DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{})
	if !apierrors.IsMethodNotSupported(err) {
		t.Errorf("across all namespaces: got %v, want MethodNotAllowed", err)
	}
	if list, _ := configMaps(tr, "").List(ctx, metav1.ListOptions{}); len(list.Items) != 2 {
		t.Errorf("%d left after the refused delete, want 2", len(list.Items))
	}
}

func TestNewTrackerObjects(t *testing.T) {
	tr := newTracker(t, cm("ns", "a", nil), &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "s"}})
	if _, err := tr.Get(corev1.SchemeGroupVersion.WithResource("secrets"), "ns", "s"); err != nil {
		t.Errorf("secret: %v", err)
	}
	obj, err := tr.Get(cmGVR, "ns", "a")
	if err != nil {
		t.Fatal(err)
	}
	if obj.GetObjectKind().GroupVersionKind() != cmGVK {
		t.Errorf("stored kind %v, want %v", obj.GetObjectKind().GroupVersionKind(), cmGVK)
	}
	if err := tr.Add(cm("ns", "a", nil)); !apierrors.IsAlreadyExists(err) {
		t.Errorf("adding a duplicate: got %v, want AlreadyExists", err)
	}
	type unknown struct{ corev1.ConfigMap }
	if err := tr.Add(&unknown{}); err == nil {
		t.Error("adding an object of a kind the scheme does not know succeeded")
	}
}

func TestTrackerRejectsNilObjects(t *testing.T) {
	tr := newTracker(t)
	var nilMap *corev1.ConfigMap
	if _, err := tr.Create(cmGVR, "ns", nil, metav1.CreateOptions{}); !apierrors.IsBadRequest(err) {
		t.Errorf("create nil: %v", err)
	}
	if _, err := tr.Update(cmGVR, "ns", nilMap, metav1.UpdateOptions{}, ""); !apierrors.IsBadRequest(err) {
		t.Errorf("update nil: %v", err)
	}
	if _, err := tr.Apply(cmGVR, "ns", nil, metav1.PatchOptions{FieldManager: "m"}, ""); !apierrors.IsBadRequest(err) {
		t.Errorf("apply nil: %v", err)
	}
	if err := tr.Add(nilMap); !apierrors.IsBadRequest(err) {
		t.Errorf("add nil: %v", err)
	}
}
