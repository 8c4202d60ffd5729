package apply

import (
	"errors"
	"fmt"
	"reflect"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/structured-merge-diff/v6/fieldpath"
	"sigs.k8s.io/structured-merge-diff/v6/typed"
)

// ErrUnknownType is returned (wrapped) when the schema has no type of the name asked for.
var ErrUnknownType = errors.New("the schema has no such type")

// ErrNoObject is returned when Extract is given a nil object.
var ErrNoObject = errors.New("no object to extract from")

// Extract returns a new *T holding exactly the fields fieldManager owns in obj through apply on
// subresource ("" for the object, "status" for its status subresource), with apiVersion and kind
// from gvk and obj's name and namespace, so that applying it again as fieldManager changes nothing.
// obj is any object with metadata (a typed API object, *unstructured.Unstructured); objectType is
// its type in the schema. A manager that owns nothing (or never applied) gets a
// configuration with only those identifying fields.
func Extract[T any](obj metav1.Object, objectType typed.ParseableType, gvk schema.GroupVersionKind, fieldManager, subresource string) (*T, error) {
	out := new(T)
	if err := ExtractInto(obj, objectType, gvk, fieldManager, subresource, out); err != nil {
		return nil, err
	}
	return out, nil
}

// ExtractInto is Extract decoding into out, a pointer to a struct with json tags or to a
// map[string]any.
func ExtractInto(obj metav1.Object, objectType typed.ParseableType, gvk schema.GroupVersionKind, fieldManager, subresource string, out any) error {
	fields, err := Owned(obj, objectType, fieldManager, subresource)
	if err != nil {
		return err
	}
	fields["apiVersion"], fields["kind"] = gvk.GroupVersion().String(), gvk.Kind
	md, _ := fields["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		fields["metadata"] = md
	}
	md["name"] = obj.GetName()
	if ns := obj.GetNamespace(); ns != "" {
		md["namespace"] = ns
	}
	if p, ok := out.(*map[string]any); ok {
		*p = fields
		return nil
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(fields, out); err != nil {
		return fmt.Errorf("decoding the fields %s owns into %T: %w", fieldManager, out, err)
	}
	return nil
}

// Owned returns the fields fieldManager owns in obj through apply on subresource, as a JSON-shaped
// map (nested maps, slices, strings, int64, float64, bools), without apiVersion, kind, name or
// namespace unless the manager owns them.
func Owned(obj metav1.Object, objectType typed.ParseableType, fieldManager, subresource string) (map[string]any, error) {
	if obj == nil {
		return nil, ErrNoObject
	}
	if v := reflect.ValueOf(obj); v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, fmt.Errorf("%w (a nil %T)", ErrNoObject, obj)
	}
	if !objectType.IsValid() {
		name := "(inline type)"
		if objectType.TypeRef.NamedType != nil {
			name = *objectType.TypeRef.NamedType
		}
		return nil, fmt.Errorf("%w: %s", ErrUnknownType, name)
	}
	entry, ok := appliedBy(obj.GetManagedFields(), fieldManager, subresource)
	if !ok || entry.FieldsV1 == nil {
		return map[string]any{}, nil
	}
	set := &fieldpath.Set{}
	if err := set.FromJSON(entry.FieldsV1.GetRawReader()); err != nil {
		return nil, fmt.Errorf("reading the managedFields of %s: %w", fieldManager, err)
	}
	tv, err := toTyped(obj, objectType)
	if err != nil {
		return nil, fmt.Errorf("reading %T %q against the schema: %w", obj, obj.GetName(), err)
	}
	owned, ok := tv.ExtractItems(set.Leaves()).AsValue().Unstructured().(map[string]any)
	if !ok || owned == nil {
		return map[string]any{}, nil
	}
	return owned, nil
}

// appliedBy finds the managedFields entry of manager's apply operations on subresource.
func appliedBy(entries []metav1.ManagedFieldsEntry, manager, subresource string) (metav1.ManagedFieldsEntry, bool) {
	for _, e := range entries {
		if e.Manager == manager && e.Operation == metav1.ManagedFieldsOperationApply && e.Subresource == subresource {
			return e, true
		}
	}
	return metav1.ManagedFieldsEntry{}, false
}

func toTyped(obj metav1.Object, t typed.ParseableType) (*typed.TypedValue, error) {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return t.FromUnstructured(u.Object, typed.AllowDuplicates)
	}
	return t.FromStructured(obj, typed.AllowDuplicates)
}
