package fake_test

import (
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/fake"
)

var (
	cronTabGVR = schema.GroupVersionResource{Group: "stable.example.com", Version: "v1", Resource: "crontabs"}
	cronTabGVK = schema.GroupVersionKind{Group: "stable.example.com", Version: "v1", Kind: "CronTab"}
)

func cronTab(name, spec string, replicas int64) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"spec":   map[string]any{"cronSpec": spec, "replicas": replicas},
		"status": map[string]any{"replicas": int64(9)},
	}}
	u.SetGroupVersionKind(cronTabGVK)
	u.SetName(name)
	return u
}

// Unstructured objects (as a dynamic fake would store) get the same semantics as typed ones.
func TestUnstructuredObjects(t *testing.T) {
	tr := newTracker(t)
	tr.Register(fake.Resource{Resource: cronTabGVR, Kind: cronTabGVK, HasStatus: true, CustomResource: true})
	created, err := tr.Create(cronTabGVR, "ns", cronTab("ct", "* * * * */5", 1), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	u := created.(*unstructured.Unstructured)
	if _, found := u.Object["status"]; found || u.GetGeneration() != 1 || u.GetUID() == "" {
		t.Fatalf("create: %v", u.Object)
	}
	next := cronTab("ct", "* * * * */1", 2)
	next.SetResourceVersion(u.GetResourceVersion())
	updated, err := tr.Update(cronTabGVR, "ns", next, metav1.UpdateOptions{}, "")
	if err != nil {
		t.Fatal(err)
	}
	uu := updated.(*unstructured.Unstructured)
	if _, found := uu.Object["status"]; found || uu.GetGeneration() != 2 {
		t.Errorf("update: status kept out and generation 2 expected: %v", uu.Object)
	}
	status, err := tr.Update(cronTabGVR, "ns", cronTab("ct", "ignored", 7), metav1.UpdateOptions{}, "status")
	if err != nil {
		t.Fatal(err)
	}
	st := status.(*unstructured.Unstructured)
	replicas, _, _ := unstructured.NestedInt64(st.Object, "status", "replicas")
	spec, _, _ := unstructured.NestedString(st.Object, "spec", "cronSpec")
	if replicas != 9 || spec != "* * * * */1" {
		t.Errorf("status update: status.replicas %d spec %q", replicas, spec)
	}
	if _, err := tr.Patch(cronTabGVR, "ns", "ct", types.StrategicMergePatchType, []byte(`{}`), metav1.PatchOptions{}, ""); !apierrors.IsUnsupportedMediaType(err) {
		t.Errorf("strategic merge patch of a custom resource: %v", err)
	}
	patched, err := tr.Patch(cronTabGVR, "ns", "ct", types.MergePatchType, []byte(`{"spec":{"image":"x"}}`), metav1.PatchOptions{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if img, _, _ := unstructured.NestedString(patched.(*unstructured.Unstructured).Object, "spec", "image"); img != "x" {
		t.Errorf("merge patch: %v", patched)
	}
	items, _, err := tr.List(cronTabGVR, "", metav1.ListOptions{FieldSelector: "metadata.name=ct"})
	if err != nil || len(items) != 1 {
		t.Errorf("list: %v %v", items, err)
	}
}

// Custom resources track metadata.generation even without a status subresource, counting status as
// content.
func TestCustomResourceGenerationWithoutStatusSubresource(t *testing.T) {
	tr := newTracker(t)
	tr.Register(fake.Resource{Resource: cronTabGVR, Kind: cronTabGVK, CustomResource: true})
	created, err := tr.Create(cronTabGVR, "ns", cronTab("ct", "a", 1), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	u := created.(*unstructured.Unstructured)
	if _, found := u.Object["status"]; !found || u.GetGeneration() != 1 {
		t.Fatalf("create: want the status kept and generation 1: %v", u.Object)
	}
	if err := unstructured.SetNestedField(u.Object, int64(3), "status", "replicas"); err != nil {
		t.Fatal(err)
	}
	updated, err := tr.Update(cronTabGVR, "ns", u, metav1.UpdateOptions{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if g := updated.(*unstructured.Unstructured).GetGeneration(); g != 2 {
		t.Errorf("generation %d after a status change, want 2", g)
	}
	if _, err := tr.Update(cronTabGVR, "ns", updated, metav1.UpdateOptions{}, "status"); !apierrors.IsNotFound(err) {
		t.Errorf("status update without a status subresource: %v", err)
	}
}
