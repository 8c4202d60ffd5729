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
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/yaml"
)

// Patch patches the named object (subresource "" or "status") with a JSON patch, a JSON merge patch, a
// strategic merge patch (refused for custom resources and unstructured objects, as by the apiserver),
// or an apply patch (server-side apply, see Apply). The result is written as Update writes it, so a resourceVersion in the
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
	old, exists := t.objects[r.Resource][k]
	w := newWriteOpts(opts.DryRun, opts.FieldManager)
	if pt == types.ApplyPatchType {
		return t.applyLocked(r, namespace, name, old, data, opts, subresource, w)
	}
	if !exists {
		return nil, apierrors.NewNotFound(r.Resource.GroupResource(), name)
	}
	patched, err := patchObject(r, old, pt, data)
	if err != nil {
		return nil, err
	}
	if err := checkIdentity(patched, old, name); err != nil {
		return nil, err
	}
	if err := checkPatchedUID(r, patched, old); err != nil {
		return nil, err
	}
	return t.updateLocked(r, k, patched, old, subresource, w)
}

// checkIdentity refuses patches that rename an object or move it to another namespace.
func checkIdentity(patched, old runtime.Object, name string) error {
	pm, _ := meta.Accessor(patched)
	if pm.GetName() != name {
		return apierrors.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", pm.GetName(), name))
	}
	if old == nil {
		return nil
	}
	if om, _ := meta.Accessor(old); pm.GetNamespace() != om.GetNamespace() {
		return apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	return nil
}

// applyLocked runs server-side apply: the applied configuration is merged into the live object (or an
// empty one, creating it) by the apimachinery field manager, which records field ownership in
// managedFields and reports conflicts with other managers unless forced.
func (t *Tracker) applyLocked(r *Resource, namespace, name string, old runtime.Object, data []byte,
	opts metav1.PatchOptions, subresource string, w writeOpts) (runtime.Object, error) {
	applied, err := decodeApplied(r, data)
	if err != nil {
		return nil, err
	}
	applied = resetFields(r, applied, subresource)
	force := opts.Force != nil && *opts.Force
	w.applied = true
	if old == nil {
		if subresource != "" {
			return nil, apierrors.NewNotFound(r.Resource.GroupResource(), name)
		}
		live := t.newObject(r)
		if live == nil {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("fake: cannot create %s by apply: register its NewObject or kind", r.Resource))
		}
		live.GetObjectKind().SetGroupVersionKind(r.Kind)
		obj, err := t.applyFields(r, "", live, applied, opts.FieldManager, force)
		if err != nil {
			return nil, err
		}
		if err := checkIdentity(obj, nil, name); err != nil {
			return nil, err
		}
		return t.createLocked(r, namespace, obj, w)
	}
	obj, err := t.applyFields(r, subresource, old, applied, opts.FieldManager, force)
	if err != nil {
		return nil, err
	}
	if obj, err = convertLike(obj, old); err != nil {
		return nil, err
	}
	if err := checkIdentity(obj, old, name); err != nil {
		return nil, err
	}
	return t.updateLocked(r, key(namespace, name), obj, old, subresource, w)
}

// Apply is server-side apply of obj (subresource "" or "status"), as a patch of type
// application/apply-patch+yaml: it creates the object if missing, else merges obj's non-null fields into
// it with apimachinery's field manager, which records ownership in managedFields, removes fields the
// manager applied before but no longer does, and fails with a Conflict when obj changes a field another
// manager owns, unless opts.Force is set. opts.FieldManager is required. Lists and maps merge as the
// tracker's schema says (SetSchema); without one, lists are atomic (replaced whole, owned whole).
func (t *Tracker) Apply(gvr schema.GroupVersionResource, namespace string, obj runtime.Object, opts metav1.PatchOptions, subresource string) (runtime.Object, error) {
	if err := checkObject(obj); err != nil {
		return nil, err
	}
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
		if !json.Valid(data) {
			return nil, apierrors.NewBadRequest("invalid JSON patch")
		}
		var ops []any
		if err := json.Unmarshal(data, &ops); err != nil {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("error decoding patch: json: cannot unmarshal %s into Go value of type []handlers.jsonPatchOp", jsonKind(data)))
		}
		if doc, err = applyJSONPatch(doc, data); err != nil {
			// The apiserver answers a patch that does not apply without saying why.
			return nil, apierrors.NewGenericServerResponse(http.StatusUnprocessableEntity, "", schema.GroupResource{}, "", "", 0, false)
		}
	case types.MergePatchType:
		var patch any
		if err := decodeJSON(data, &patch); err != nil {
			return nil, apierrors.NewBadRequest("invalid JSON patch")
		}
		if _, isObject := patch.(map[string]any); !isObject {
			return nil, apierrors.NewBadRequest(fmt.Sprintf("error decoding patch: json: cannot unmarshal %s into Go value of type map[string]interface {}", jsonKind(patch)))
		}
		doc = mergePatch(doc, patch)
	case types.StrategicMergePatchType:
		if !strategic {
			return nil, unsupportedPatch(pt)
		}
		return strategicMerge(old, oldJSON, data)
	default:
		return nil, &apierrors.StatusError{ErrStatus: metav1.Status{Status: metav1.StatusFailure, Code: http.StatusUnsupportedMediaType,
			Reason: metav1.StatusReasonUnsupportedMediaType, Details: &metav1.StatusDetails{}, Message: "415: Unsupported Media Type"}}
	}
	return decodeInto(newLike(old), doc)
}

func strategicMerge(old runtime.Object, oldJSON, patch []byte) (runtime.Object, error) {
	if !json.Valid(patch) {
		return nil, apierrors.NewBadRequest("invalid JSON patch")
	}
	out, err := strategicpatch.StrategicMergePatch(oldJSON, patch, old)
	if err != nil {
		return nil, serverError(err.Error())
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
	var applied map[string]any // numbers as int64 or float64, as in unstructured objects
	if err := utiljson.Unmarshal(js, &applied); err != nil || applied == nil {
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

// resetFields drops from an applied configuration the fields the endpoint does not own, as the
// apiserver's reset fields do, so that no manager comes to own them: the status, for the object of a
// resource with a status subresource; everything but the status (and the object's identity), for the
// status subresource.
func resetFields(r *Resource, applied map[string]any, subresource string) map[string]any {
	if !r.HasStatus {
		return applied
	}
	if subresource != "status" {
		delete(applied, "status")
		return applied
	}
	out := map[string]any{"apiVersion": applied["apiVersion"], "kind": applied["kind"]}
	if st, ok := applied["status"]; ok {
		out["status"] = st
	}
	if m, ok := applied["metadata"].(map[string]any); ok {
		identity := map[string]any{}
		for _, k := range []string{"name", "namespace", "uid", "resourceVersion"} {
			if v, ok := m[k]; ok {
				identity[k] = v
			}
		}
		out["metadata"] = identity
	}
	return out
}

// jsonKind names the JSON type of a decoded value (or of raw JSON) as encoding/json's errors do.
func jsonKind(v any) string {
	if raw, ok := v.([]byte); ok {
		if err := json.Unmarshal(raw, &v); err != nil {
			return "value"
		}
	}
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "bool"
	case nil:
		return "null"
	}
	return "number"
}
