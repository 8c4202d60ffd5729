package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"
)

// Patch patches the named object (subresource "" or "status") with a JSON patch, a JSON merge patch, a
// strategic merge patch (refused for custom resources and unstructured objects, as by the apiserver),
// or an apply patch (see Apply). The result is written as Update writes it, so a resourceVersion in the
// patch is a precondition.
func (t *Tracker) Patch(gvr schema.GroupVersionResource, namespace, name string, pt types.PatchType, data []byte,
	opts metav1.PatchOptions, subresource string) (runtime.Object, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	if subresource != "" && (subresource != "status" || !r.HasStatus) {
		return nil, checkSubresource(r, subresource, nil)
	}
	if pt == types.ApplyPatchType && opts.FieldManager == "" {
		return nil, apierrors.NewInvalid(schema.GroupKind{Group: metav1.GroupName, Kind: "PatchOptions"}, "", field.ErrorList{
			field.Required(field.NewPath("fieldManager"), "is required for apply patch"),
		})
	}
	if r.ClusterScoped {
		namespace = ""
	}
	k := key(namespace, name)
	old, ok := t.objects[r.Resource][k]
	dryRun := isDryRun(opts.DryRun)
	if !ok {
		if pt != types.ApplyPatchType || subresource != "" {
			return nil, apierrors.NewNotFound(r.Resource.GroupResource(), name)
		}
		return t.applyCreateLocked(r, namespace, name, data, dryRun)
	}
	patched, err := patchObject(r, old, pt, data)
	if err != nil {
		return nil, err
	}
	pm, _ := meta.Accessor(patched)
	om, _ := meta.Accessor(old)
	if pm.GetName() != name {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", pm.GetName(), name))
	}
	if pm.GetNamespace() != om.GetNamespace() {
		return nil, apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	return t.updateLocked(r, k, patched, old, subresource, dryRun)
}

// Apply approximates server-side apply of obj (subresource "" or "status"): it creates the object if
// missing, else merges obj into it as a strategic merge patch (a JSON merge patch for custom resources)
// after dropping obj's null fields. opts.FieldManager is required. Field ownership is not tracked: see
// the package documentation.
func (t *Tracker) Apply(gvr schema.GroupVersionResource, namespace string, obj runtime.Object, opts metav1.PatchOptions, subresource string) (runtime.Object, error) {
	t.mu.Lock()
	r := t.resourceLocked(gvr)
	kind := r.Kind
	t.mu.Unlock()
	obj = obj.DeepCopyObject()
	if !kind.Empty() {
		obj.GetObjectKind().SetGroupVersionKind(kind)
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("encoding %T: %v", obj, err))
	}
	return t.Patch(gvr, namespace, m.GetName(), types.ApplyPatchType, data, opts, subresource)
}

// applyCreateLocked creates the object of an apply patch for a missing name.
func (t *Tracker) applyCreateLocked(r *Resource, namespace, name string, data []byte, dryRun bool) (runtime.Object, error) {
	applied, err := decodeApplied(r, data)
	if err != nil {
		return nil, err
	}
	obj := t.newObject(r)
	if obj == nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("fake: cannot create %s by apply: register its NewObject or kind", r.Resource))
	}
	if obj, err = decodeInto(obj, applied); err != nil {
		return nil, err
	}
	m, _ := meta.Accessor(obj)
	if m.GetName() != name {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", m.GetName(), name))
	}
	return t.createLocked(r, namespace, obj, dryRun)
}

// patchObject returns a new object: old with the patch applied.
func patchObject(r *Resource, old runtime.Object, pt types.PatchType, data []byte) (runtime.Object, error) {
	_, unstructuredObj := old.(*unstructured.Unstructured)
	strategic := !r.CustomResource && !unstructuredObj
	oldJSON, err := json.Marshal(old)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	var doc any
	if err := decodeJSON(oldJSON, &doc); err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	switch pt {
	case types.JSONPatchType:
		if doc, err = applyJSONPatch(doc, data); err != nil {
			return nil, unprocessable(err.Error())
		}
	case types.MergePatchType:
		var patch any
		if err := decodeJSON(data, &patch); err != nil {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("decoding merge patch: %v", err))
		}
		doc = mergePatch(doc, patch)
	case types.StrategicMergePatchType:
		if !strategic {
			return nil, unsupportedPatch(pt)
		}
		return strategicMerge(old, oldJSON, data)
	case types.ApplyPatchType:
		applied, err := decodeApplied(r, data)
		if err != nil {
			return nil, err
		}
		if strategic {
			patch, _ := json.Marshal(applied)
			return strategicMerge(old, oldJSON, patch)
		}
		doc = mergePatch(doc, applied)
	default:
		return nil, unsupportedPatch(pt)
	}
	return decodeInto(newLike(old), doc)
}

func strategicMerge(old runtime.Object, oldJSON, patch []byte) (runtime.Object, error) {
	out, err := strategicpatch.StrategicMergePatch(oldJSON, patch, old)
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("applying strategic merge patch: %v", err))
	}
	obj := newLike(old)
	if err := json.Unmarshal(out, obj); err != nil {
		return nil, unprocessable(fmt.Sprintf("decoding patched %T: %v", obj, err))
	}
	obj.GetObjectKind().SetGroupVersionKind(old.GetObjectKind().GroupVersionKind())
	return obj, nil
}

// decodeApplied parses an apply patch (YAML or JSON), checks its kind and drops its null fields.
func decodeApplied(r *Resource, data []byte) (map[string]any, error) {
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("decoding apply patch: %v", err))
	}
	var applied map[string]any
	if err := decodeJSON(js, &applied); err != nil || applied == nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("apply patch is not an object: %s", js))
	}
	kind, _ := applied["kind"].(string)
	apiVersion, _ := applied["apiVersion"].(string)
	if kind == "" || apiVersion == "" {
		return nil, apierrors.NewBadRequest("apply patch must set apiVersion and kind")
	}
	if !r.Kind.Empty() && (kind != r.Kind.Kind || apiVersion != r.Kind.GroupVersion().String()) {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("apply patch is a %s %s, not a %s", apiVersion, kind, r.Kind))
	}
	return stripNulls(applied).(map[string]any), nil
}

func newLike(obj runtime.Object) runtime.Object {
	return reflect.New(reflect.TypeOf(obj).Elem()).Interface().(runtime.Object)
}

// decodeInto decodes a JSON value into obj.
func decodeInto(obj runtime.Object, doc any) (runtime.Object, error) {
	data, err := json.Marshal(doc)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	gvk := obj.GetObjectKind().GroupVersionKind()
	if err := json.Unmarshal(data, obj); err != nil {
		return nil, unprocessable(fmt.Sprintf("decoding patched %T: %v", obj, err))
	}
	if !gvk.Empty() {
		obj.GetObjectKind().SetGroupVersionKind(gvk)
	}
	return obj, nil
}

func unprocessable(msg string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnprocessableEntity, Reason: metav1.StatusReasonInvalid, Message: msg,
	}}
}

func unsupportedPatch(pt types.PatchType) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusUnsupportedMediaType, Reason: metav1.StatusReasonUnsupportedMediaType,
		Message: fmt.Sprintf("the body of the request was in an unknown format - accepted media types include: %s",
			"application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"),
	}}
}
