//go:build e2e

package e2e

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/dynamic"
	"github.com/kubegen/kubegen/client/dynamic/dynamicinformer"
)

var crontabOnce sync.Once

// crontabs installs the CronTab CRD once per package and returns the client of a fresh namespace.
func crontabs(t *testing.T, ns string) (*dynamic.Client, dynamic.ResourceInterface) {
	t.Helper()
	c := dynamicClient(t)
	crontabOnce.Do(func() { installCRD(t, c, crdFor(crontabGVR, "CronTab", "crontab", "ct")) })
	return c, c.Resource(crontabGVR).Namespace(namespace(t, c, ns))
}

func crontab(name, schedule string, labels map[string]string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "stable.example.com/v1", "kind": "CronTab",
		"spec": map[string]any{"cronSpec": schedule, "image": "busybox", "replicas": int64(1)},
	}}
	u.SetName(name)
	u.SetLabels(labels)
	return u
}

func rv(t *testing.T, u *unstructured.Unstructured) int {
	t.Helper()
	n, err := strconv.Atoi(u.GetResourceVersion())
	if err != nil {
		t.Fatalf("resourceVersion %q: %v", u.GetResourceVersion(), err)
	}
	return n
}

func TestDynamicCronTabScenario(t *testing.T) {
	_, ct := crontabs(t, "dynamic-scenario")
	c := ctx(t)

	w, err := ct.Watch(c, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	created, err := ct.Create(c, crontab("nightly", "0 3 * * *", map[string]string{"tier": "batch"}), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ct.Create(c, crontab("nightly", "0 3 * * *", nil), metav1.CreateOptions{}); !apierrors.IsAlreadyExists(err) {
		t.Errorf("second create: %v, want AlreadyExists", err)
	}
	if _, err := ct.Create(c, crontab("hourly", "0 * * * *", map[string]string{"tier": "web"}), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	got, err := ct.Get(c, "nightly", metav1.GetOptions{})
	if err != nil || got.GetUID() != created.GetUID() {
		t.Fatalf("Get = %v, %v", got, err)
	}

	// Update changes the spec; the status subresource is separate.
	_ = unstructured.SetNestedField(got.Object, "0 4 * * *", "spec", "cronSpec")
	_ = unstructured.SetNestedField(got.Object, int64(9), "status", "replicas")
	updated, err := ct.Update(c, got, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rv(t, updated) <= rv(t, created) {
		t.Errorf("resourceVersion did not increase: %s → %s", created.GetResourceVersion(), updated.GetResourceVersion())
	}
	if _, found, _ := unstructured.NestedInt64(updated.Object, "status", "replicas"); found {
		t.Error("Update wrote status through the main resource")
	}
	// A stale resourceVersion conflicts.
	if _, err := ct.Update(c, got, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Errorf("stale update: %v, want Conflict", err)
	}

	_ = unstructured.SetNestedField(updated.Object, int64(2), "status", "replicas")
	status, err := ct.UpdateStatus(c, updated, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _, _ := unstructured.NestedInt64(status.Object, "status", "replicas"); n != 2 {
		t.Errorf("status.replicas = %d after UpdateStatus, want 2", n)
	}

	patched, err := ct.Patch(c, "nightly", types.MergePatchType, []byte(`{"spec":{"image":"alpine"}}`), metav1.PatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if img, _, _ := unstructured.NestedString(patched.Object, "spec", "image"); img != "alpine" {
		t.Errorf("merge patch: image %q", img)
	}

	applied, err := ct.Apply(c, "applied", crontab("applied", "*/5 * * * *", map[string]string{"tier": "batch"}),
		metav1.ApplyOptions{FieldManager: "kubegen-e2e", Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(applied.GetManagedFields()) == 0 || applied.GetManagedFields()[0].Manager != "kubegen-e2e" {
		t.Errorf("apply did not record the field manager: %+v", applied.GetManagedFields())
	}

	batch, err := ct.List(c, metav1.ListOptions{LabelSelector: "tier=batch"})
	if err != nil {
		t.Fatal(err)
	}
	if names := itemNames(batch); len(names) != 2 || names[0] != "applied" || names[1] != "nightly" {
		t.Errorf("tier=batch lists %v, want [applied nightly]", names)
	}

	if err := ct.Delete(c, "hourly", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := ct.Get(c, "hourly", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("after delete: %v, want NotFound", err)
	}
	if err := ct.DeleteCollection(c, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "tier=batch"}); err != nil {
		t.Fatal(err)
	}
	left, err := ct.List(c, metav1.ListOptions{})
	if err != nil || len(left.Items) != 0 {
		t.Errorf("after delete collection: %v, %v", itemNames(left), err)
	}

	// The watch saw every change, in order, as unstructured objects.
	want := []string{"ADDED nightly", "ADDED hourly", "MODIFIED nightly", "MODIFIED nightly", "MODIFIED nightly",
		"ADDED applied", "DELETED hourly"}
	var seen []string
	timeout := time.After(30 * time.Second)
	for len(seen) < len(want)+2 {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				t.Fatalf("watch closed early after %v", seen)
			}
			u, isU := ev.Object.(*unstructured.Unstructured)
			if !isU {
				t.Fatalf("watch event object %T", ev.Object)
			}
			seen = append(seen, string(ev.Type)+" "+u.GetName())
		case <-timeout:
			t.Fatalf("watch saw %v; want %v then two deletions", seen, want)
		}
	}
	for i, e := range want {
		if seen[i] != e {
			t.Fatalf("watch events %v, want %v first", seen, want)
		}
	}
	if !(seen[len(want)] != seen[len(want)+1] && watchDeleted(seen[len(want):])) {
		t.Errorf("delete collection events: %v", seen[len(want):])
	}
}

func watchDeleted(evs []string) bool {
	for _, e := range evs {
		if e != string(watch.Deleted)+" applied" && e != string(watch.Deleted)+" nightly" {
			return false
		}
	}
	return true
}

func itemNames(l *unstructured.UnstructuredList) []string {
	if l == nil {
		return nil
	}
	var out []string
	for _, it := range l.Items {
		out = append(out, it.GetName())
	}
	return out
}

func TestDynamicInformer(t *testing.T) {
	client, ct := crontabs(t, "dynamic-informer")
	c := ctx(t)
	for i := 0; i < 5; i++ {
		if _, err := ct.Create(c, crontab("ct-"+strconv.Itoa(i), "0 * * * *", map[string]string{"i": strconv.Itoa(i % 2)}), metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	inf := dynamicinformer.New(client, crontabGVR, "dynamic-informer", cache.InformerOptions{})
	runCtx, cancel := context.WithCancel(c)
	defer cancel()
	go inf.RunWithContext(runCtx)
	if err := cache.WaitForCacheSync(c, inf); err != nil {
		t.Fatal(err)
	}
	odd, err := inf.Lister().Namespace("dynamic-informer").List(labels.SelectorFromSet(labels.Set{"i": "1"}))
	if err != nil || len(odd) != 2 {
		t.Fatalf("lister i=1: %d objects, %v; want 2", len(odd), err)
	}
	if _, err := ct.Create(c, crontab("late", "0 * * * *", nil), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := inf.Lister().Namespace("dynamic-informer").Get("late"); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the informer never saw the object created after sync")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
