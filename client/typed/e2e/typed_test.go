//go:build e2e

package e2e_test

import (
	"context"
	"errors"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

// The real and the fake client decode objects alike: no TypeMeta on typed results and list items.
func TestTypeMetaMatchesFake(t *testing.T) {
	ctx := context.Background()
	ns := namespace(t)
	clients := map[string]typed.Interface[*corev1.ConfigMap, *corev1.ConfigMapList]{
		"real": configMaps(t, ns, rest.ContentTypeJSON),
		"fake": fakeConfigMaps(newTracker(t), ns),
	}
	kinds := map[string][3]string{}
	for name, c := range clients {
		created, err := c.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "tm"}}, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		list, err := c.List(ctx, metav1.ListOptions{})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("%s: list %v %v", name, list, err)
		}
		kinds[name] = [3]string{created.Kind, list.Kind, list.Items[0].Kind}
	}
	if kinds["real"] != kinds["fake"] {
		t.Errorf("kinds of (object, list, item): real %q, fake %q", kinds["real"], kinds["fake"])
	}
}

func TestClusterScopedClient(t *testing.T) {
	ctx := context.Background()
	namespaces := typed.NewClient("namespaces", restClient(t, corev1.SchemeGroupVersion, rest.ContentTypeProtobuf), nil, "",
		func() *corev1.Namespace { return &corev1.Namespace{} }, func() *corev1.NamespaceList { return &corev1.NamespaceList{} })
	name := namespace(t)
	got, err := namespaces.Get(ctx, name, metav1.GetOptions{})
	if err != nil || got.Name != name {
		t.Fatalf("get namespace: %v %v", got, err)
	}
	list, err := namespaces.List(ctx, metav1.ListOptions{FieldSelector: "metadata.name=" + name})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list namespaces by name: %v %v", list, err)
	}
	patched, err := namespaces.Patch(ctx, name, types.MergePatchType, []byte(`{"metadata":{"labels":{"patched":"yes"}}}`), metav1.PatchOptions{})
	if err != nil || patched.Labels["patched"] != "yes" {
		t.Fatalf("patch namespace: %v %v", patched, err)
	}
}

func TestApplyConflictsWithoutForce(t *testing.T) {
	ctx := context.Background()
	c := configMaps(t, namespace(t), rest.ContentTypeJSON)
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "owned"}, Data: map[string]string{"k": "one"}}
	if _, err := c.Apply(ctx, cm, metav1.ApplyOptions{FieldManager: "first"}); err != nil {
		t.Fatal(err)
	}
	cm.Data["k"] = "two"
	if _, err := c.Apply(ctx, cm, metav1.ApplyOptions{FieldManager: "second"}); !apierrors.IsConflict(err) {
		t.Fatalf("apply of a field another manager owns: got %v, want Conflict", err)
	}
	got, err := c.Apply(ctx, cm, metav1.ApplyOptions{FieldManager: "second", Force: true})
	if err != nil || got.Data["k"] != "two" {
		t.Fatalf("forced apply: %v %v", got, err)
	}
	if _, err := c.Apply(ctx, cm, metav1.ApplyOptions{}); !errors.Is(err, typed.ErrFieldManagerRequired) {
		t.Errorf("apply without a field manager: %v", err)
	}
}

func TestWatchTimeoutAndDeletePreconditions(t *testing.T) {
	ctx := context.Background()
	c := configMaps(t, namespace(t), rest.ContentTypeProtobuf)
	created, err := c.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "w"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	timeout := int64(1)
	w, err := c.Watch(ctx, metav1.ListOptions{TimeoutSeconds: &timeout})
	if err != nil {
		t.Fatal(err)
	}
	var events []watch.EventType
	for ev := range w.ResultChan() { // the server ends the watch after timeoutSeconds
		events = append(events, ev.Type)
	}
	if len(events) != 1 || events[0] != watch.Added {
		t.Errorf("events %v, want the initial ADDED only", events)
	}
	stale := "1"
	err = c.Delete(ctx, "w", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: &stale}})
	if !apierrors.IsConflict(err) {
		t.Fatalf("delete with a stale precondition: %v", err)
	}
	if err := c.Delete(ctx, "w", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &created.UID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "w", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("after delete: %v", err)
	}
}
