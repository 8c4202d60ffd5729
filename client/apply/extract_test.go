package apply_test

import (
	"errors"
	"reflect"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/client/apply"
)

// A schema with the shape of a Deployment's interesting parts: containers merged by name.
var parser = func() *typed.Parser {
	p, err := typed.NewParser(`types:
- name: Widget
  map:
    fields:
    - name: apiVersion
      type: {scalar: string}
    - name: kind
      type: {scalar: string}
    - name: metadata
      type: {namedType: Meta}
    - name: spec
      type: {namedType: Spec}
- name: Meta
  map:
    fields:
    - name: name
      type: {scalar: string}
    - name: namespace
      type: {scalar: string}
    - name: labels
      type: {map: {elementType: {scalar: string}}}
    - name: managedFields
      type: {list: {elementType: {namedType: __untyped_atomic_}, elementRelationship: atomic}}
- name: Spec
  map:
    fields:
    - name: replicas
      type: {scalar: numeric}
    - name: containers
      type:
        list:
          elementType: {namedType: Container}
          elementRelationship: associative
          keys: [name]
- name: Container
  map:
    fields:
    - name: name
      type: {scalar: string}
    - name: image
      type: {scalar: string}
- name: __untyped_atomic_
  scalar: untyped
  list:
    elementType: {namedType: __untyped_atomic_}
    elementRelationship: atomic
  map:
    elementType: {namedType: __untyped_atomic_}
    elementRelationship: atomic
`)
	if err != nil {
		panic(err)
	}
	return p
}()

var gvk = schema.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"}

func entry(manager string, op metav1.ManagedFieldsOperationType, subresource, fields string) metav1.ManagedFieldsEntry {
	return metav1.ManagedFieldsEntry{Manager: manager, Operation: op, Subresource: subresource, APIVersion: "example.com/v1",
		FieldsType: "FieldsV1", FieldsV1: &metav1.FieldsV1{Raw: []byte(fields)}}
}

func widget() *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "example.com/v1", "kind": "Widget",
		"metadata": map[string]any{"name": "w", "namespace": "ns", "labels": map[string]any{"a": "1", "b": "2"}},
		"spec": map[string]any{"replicas": int64(3), "containers": []any{
			map[string]any{"name": "main", "image": "main:1"},
			map[string]any{"name": "side", "image": "side:1"},
		}},
	}}
	u.SetManagedFields([]metav1.ManagedFieldsEntry{
		entry("owner", metav1.ManagedFieldsOperationApply, "",
			`{"f:metadata":{"f:labels":{"f:a":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"main\"}":{".":{},"f:image":{},"f:name":{}}}}}`),
		entry("scaler", metav1.ManagedFieldsOperationApply, "", `{"f:spec":{"f:replicas":{}}}`),
		entry("editor", metav1.ManagedFieldsOperationUpdate, "", `{"f:metadata":{"f:labels":{"f:b":{}}}}`),
		entry("sidecar", metav1.ManagedFieldsOperationApply, "status", `{"f:spec":{"f:containers":{"k:{\"name\":\"side\"}":{".":{},"f:image":{},"f:name":{}}}}}`),
	})
	return u
}

func TestExtract(t *testing.T) {
	for _, tc := range []struct {
		manager, subresource string
		want                 map[string]any
	}{
		{"owner", "", map[string]any{"metadata": map[string]any{"labels": map[string]any{"a": "1"}},
			"spec": map[string]any{"containers": []any{map[string]any{"name": "main", "image": "main:1"}}}}},
		{"scaler", "", map[string]any{"spec": map[string]any{"replicas": int64(3)}}},
		{"editor", "", map[string]any{}},  // an Update entry is not an apply configuration
		{"sidecar", "", map[string]any{}}, // its apply was to the status subresource
		{"sidecar", "status", map[string]any{"spec": map[string]any{"containers": []any{map[string]any{"name": "side", "image": "side:1"}}}}},
		{"nobody", "", map[string]any{}},
	} {
		got, err := apply.Owned(widget(), parser.Type("Widget"), tc.manager, tc.subresource)
		if err != nil {
			t.Fatalf("%s: %v", tc.manager, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Owned(%s, %q) = %v, want %v", tc.manager, tc.subresource, got, tc.want)
		}
	}
}

// widgetConfig stands for a generated apply configuration: pointer fields with the API's json tags.
type widgetConfig struct {
	APIVersion *string `json:"apiVersion,omitempty"`
	Kind       *string `json:"kind,omitempty"`
	Metadata   *struct {
		Name      *string           `json:"name,omitempty"`
		Namespace *string           `json:"namespace,omitempty"`
		Labels    map[string]string `json:"labels,omitempty"`
	} `json:"metadata,omitempty"`
	Spec *struct {
		Replicas *int32 `json:"replicas,omitempty"`
	} `json:"spec,omitempty"`
}

func TestExtractIntoConfiguration(t *testing.T) {
	got, err := apply.Extract[widgetConfig](widget(), parser.Type("Widget"), gvk, "scaler", "")
	if err != nil {
		t.Fatal(err)
	}
	if *got.APIVersion != "example.com/v1" || *got.Kind != "Widget" || *got.Metadata.Name != "w" || *got.Metadata.Namespace != "ns" {
		t.Errorf("identity not set: %+v %+v", got, got.Metadata)
	}
	if got.Metadata.Labels != nil || got.Spec == nil || got.Spec.Replicas == nil || *got.Spec.Replicas != 3 {
		t.Errorf("want only spec.replicas=3 owned, got labels %v spec %+v", got.Metadata.Labels, got.Spec)
	}
	var m map[string]any
	if err := apply.ExtractInto(widget(), parser.Type("Widget"), gvk, "nobody", "", &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": map[string]any{"name": "w", "namespace": "ns"}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("a manager owning nothing: %v, want %v", m, want)
	}
}

func TestExtractErrors(t *testing.T) {
	if _, err := apply.Owned(nil, parser.Type("Widget"), "owner", ""); !errors.Is(err, apply.ErrNoObject) {
		t.Errorf("nil object: %v, want ErrNoObject", err)
	}
	var none *unstructured.Unstructured // as a generated Extract<Kind> passes a nil *<Kind>
	if _, err := apply.Extract[widgetConfig](none, parser.Type("Widget"), gvk, "owner", ""); !errors.Is(err, apply.ErrNoObject) {
		t.Errorf("typed nil object: %v, want ErrNoObject", err)
	}
	if _, err := apply.Owned(widget(), parser.Type("Gadget"), "owner", ""); !errors.Is(err, apply.ErrUnknownType) {
		t.Errorf("unknown type: %v, want ErrUnknownType", err)
	}
	bad := widget()
	bad.Object["spec"] = "not a map"
	if _, err := apply.Owned(bad, parser.Type("Widget"), "owner", ""); err == nil {
		t.Error("an object that does not fit the schema gave no error")
	}
	garbled := &metav1.PartialObjectMetadata{ObjectMeta: metav1.ObjectMeta{Name: "w", ManagedFields: []metav1.ManagedFieldsEntry{
		entry("owner", metav1.ManagedFieldsOperationApply, "", `{"f:spec":`),
	}}}
	if _, err := apply.Owned(garbled, parser.Type("Widget"), "owner", ""); err == nil {
		t.Error("garbled managedFields gave no error")
	}
}
