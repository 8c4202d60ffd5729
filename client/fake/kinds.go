package fake

import (
	"reflect"
	"slices"

	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	k8slabels "k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The per-kind validation the fake reproduces, on the serialized form of objects, with the
// apiserver's field paths and messages. old is nil on create.

const immutableWhenSet = "field is immutable when `immutable` is set"

// validateKeys checks the keys of a data map as ConfigMap and Secret keys.
func validateKeys(data map[string]any, fld *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(data) {
		for _, msg := range validation.IsConfigMapKey(k) {
			errs = append(errs, field.Invalid(fld.Key(k), k, msg))
		}
	}
	return errs
}

// validateImmutableData is the rule of ConfigMaps and Secrets marked immutable: neither their data
// nor the mark may change.
func validateImmutableData(obj, old map[string]any, dataFields ...string) field.ErrorList {
	if old == nil {
		return nil
	}
	if was, _, _ := unstructured.NestedBool(old, "immutable"); !was {
		return nil
	}
	var errs field.ErrorList
	for _, f := range dataFields {
		if !reflect.DeepEqual(emptyAsNil(obj[f]), emptyAsNil(old[f])) {
			errs = append(errs, field.Forbidden(field.NewPath(f), immutableWhenSet))
		}
	}
	if now, _, _ := unstructured.NestedBool(obj, "immutable"); !now {
		errs = append(errs, field.Forbidden(field.NewPath("immutable"), immutableWhenSet))
	}
	return errs
}

func emptyAsNil(v any) any {
	if m, ok := v.(map[string]any); ok && len(m) == 0 {
		return nil
	}
	return v
}

func validateConfigMap(obj, old map[string]any) field.ErrorList {
	data, _ := obj["data"].(map[string]any)
	binary, _ := obj["binaryData"].(map[string]any)
	errs := validateKeys(data, field.NewPath("data"))
	errs = append(errs, validateKeys(binary, field.NewPath("binaryData"))...)
	for _, k := range sortedKeys(binary) {
		if _, dup := data[k]; dup {
			errs = append(errs, field.Invalid(field.NewPath("data").Key(k), k, "duplicate of key present in binaryData"))
		}
	}
	return append(errs, validateImmutableData(obj, old, "data", "binaryData")...)
}

// secretKeys are the keys a secret of a type must hold.
var secretKeys = map[string][]string{
	"kubernetes.io/tls":              {"tls.crt", "tls.key"},
	"kubernetes.io/dockercfg":        {".dockercfg"},
	"kubernetes.io/dockerconfigjson": {".dockerconfigjson"},
	"kubernetes.io/basic-auth":       nil,
	"kubernetes.io/ssh-auth":         {"ssh-privatekey"},
}

func validateSecret(obj, old map[string]any) field.ErrorList {
	data, _ := obj["data"].(map[string]any)
	fld := field.NewPath("data")
	errs := validateKeys(data, fld)
	typ, _, _ := unstructured.NestedString(obj, "type")
	for _, k := range secretKeys[typ] {
		if _, ok := data[k]; !ok {
			errs = append(errs, field.Required(fld.Key(k), ""))
		}
	}
	if old != nil {
		oldType, _, _ := unstructured.NestedString(old, "type")
		errs = append(errs, apivalidation.ValidateImmutableField(typ, oldType, field.NewPath("type"))...)
	}
	return append(errs, validateImmutableData(obj, old, "data")...)
}

func validateLease(obj, _ map[string]any) field.ErrorList {
	if d, found, _ := unstructured.NestedInt64(obj, "spec", "leaseDurationSeconds"); found && d <= 0 {
		return field.ErrorList{field.Invalid(field.NewPath("spec", "leaseDurationSeconds"), d, "must be greater than 0")}
	}
	return nil
}

// validatePodSpec checks what every pod spec needs: containers, each with an image.
func validatePodSpec(spec map[string]any, fld *field.Path) field.ErrorList {
	containers, _ := spec["containers"].([]any)
	if len(containers) == 0 {
		return field.ErrorList{field.Required(fld.Child("containers"), "")}
	}
	var errs field.ErrorList
	for i, c := range containers {
		if image, _, _ := unstructured.NestedString(asMap(c), "image"); image == "" {
			errs = append(errs, field.Required(fld.Child("containers").Index(i).Child("image"), ""))
		}
	}
	return errs
}

func validatePod(obj, _ map[string]any) field.ErrorList {
	spec, _ := obj["spec"].(map[string]any)
	return validatePodSpec(spec, field.NewPath("spec"))
}

func validateDeployment(obj, old map[string]any) field.ErrorList {
	fld := field.NewPath("spec")
	var errs field.ErrorList
	if n, found, _ := unstructured.NestedInt64(obj, "spec", "replicas"); found {
		errs = append(errs, apivalidation.ValidateNonnegativeField(n, fld.Child("replicas"))...)
	}
	selector := labelSelector(obj)
	labels, _, _ := unstructured.NestedStringMap(obj, "spec", "template", "metadata", "labels")
	if selector == nil {
		errs = append(errs, field.Required(fld.Child("selector"), ""))
	} else if sel, err := metav1.LabelSelectorAsSelector(selector); err == nil && (sel.Empty() || !sel.Matches(k8slabels.Set(labels))) {
		errs = append(errs, field.Invalid(fld.Child("template", "metadata", "labels"), labels, "`selector` does not match template `labels`"))
	}
	tmpl, _, _ := unstructured.NestedMap(obj, "spec", "template", "spec")
	errs = append(errs, validatePodSpec(tmpl, fld.Child("template", "spec"))...)
	if old != nil {
		errs = append(errs, apivalidation.ValidateImmutableField(selector, labelSelector(old), fld.Child("selector"))...)
	}
	return errs
}

func validateService(obj, old map[string]any) field.ErrorList {
	if old != nil {
		if errs := validateServiceUpdate(obj, old); len(errs) > 0 {
			return errs
		}
	}
	fld := field.NewPath("spec", "ports")
	typ, _, _ := unstructured.NestedString(obj, "spec", "type")
	ports, _, _ := unstructured.NestedSlice(obj, "spec", "ports")
	if len(ports) == 0 && typ != "ExternalName" {
		return field.ErrorList{field.Required(fld, "")}
	}
	var errs field.ErrorList
	for i, p := range ports {
		pm := asMap(p)
		port, _, _ := unstructured.NestedInt64(pm, "port")
		for _, msg := range validation.IsValidPortNum(int(port)) {
			errs = append(errs, field.Invalid(fld.Index(i).Child("port"), port, msg))
		}
		// targetPort defaults to the port.
		target := pm["targetPort"]
		if target == nil || target == int64(0) || target == "" {
			target = port
		}
		if n, isNumber := target.(int64); isNumber {
			for _, msg := range validation.IsValidPortNum(int(n)) {
				errs = append(errs, field.Invalid(fld.Index(i).Child("targetPort"), n, msg))
			}
		}
	}
	return errs
}

func labelSelector(obj map[string]any) *metav1.LabelSelector {
	m, found, _ := unstructured.NestedMap(obj, "spec", "selector")
	if !found {
		return nil
	}
	var sel metav1.LabelSelector
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(m, &sel); err != nil {
		return nil
	}
	return &sel
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
