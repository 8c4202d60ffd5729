package fake_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
)

// AddAsGiven stores objects as client-go's tracker does: reads (get, list, watch) return them exactly
// as given, TypeMeta included, with no server fields; lists and watches still have resourceVersions,
// and the first write stores the object as the apiserver would.
func TestAddAsGivenReadsBackAsGiven(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	given := &corev1.ConfigMap{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1"},
		ObjectMeta: metav1.ObjectMeta{Name: "cfg", Namespace: "ns", Labels: map[string]string{"a": "b"}},
		Data:       map[string]string{},
	}
	if err := tr.AddAsGiven(given); err != nil {
		t.Fatal(err)
	}
	given.Labels["a"] = "changed after adding"

	want := given.DeepCopy()
	want.Labels["a"] = "b"
	got, err := c.Get(ctx, "cfg", metav1.GetOptions{})
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("get: %v\n got  %#v\n want %#v", err, got, want)
	}
	list, err := c.List(ctx, metav1.ListOptions{})
	if err != nil || len(list.Items) != 1 || !reflect.DeepEqual(&list.Items[0], want) {
		t.Fatalf("list: %v %#v, want the object as given", err, list)
	}
	if list.ResourceVersion == "" || list.ResourceVersion == "0" {
		t.Errorf("list resourceVersion %q: adding is a write of the tracker", list.ResourceVersion)
	}
	w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: "0"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-w.ResultChan():
		if ev.Type != watch.Added || !reflect.DeepEqual(ev.Object, want) {
			t.Errorf("watch: %s %#v, want ADDED of the object as given", ev.Type, ev.Object)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch from 0: no event")
	}
	w.Stop()

	got.Data = map[string]string{"k": "v"}
	updated, err := c.Update(ctx, got, metav1.UpdateOptions{})
	if err != nil {
		t.Fatalf("update without resourceVersion of an object added as given: %v", err)
	}
	if updated.ResourceVersion == "" || updated.APIVersion != "" {
		t.Errorf("after a write: resourceVersion %q, TypeMeta %+v; want the apiserver's answer", updated.ResourceVersion, updated.TypeMeta)
	}
}

func TestAddAsGivenErrors(t *testing.T) {
	tr := newTracker(t)
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cfg", Namespace: "ns"}}
	if err := tr.AddAsGiven(cm); err != nil {
		t.Fatal(err)
	}
	if err := tr.AddAsGiven(cm); !apierrors.IsAlreadyExists(err) {
		t.Errorf("the same object twice: %v, want AlreadyExists", err)
	}
	if err := tr.AddAsGiven(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: "cfg-", Namespace: "ns"}}); err == nil {
		t.Error("an object without a name: no error")
	}
	if err := tr.AddAsGiven(nil); err == nil {
		t.Error("nil: no error")
	}
}
