package fake

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"

	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

// statusValue returns the settable Status field of a typed object.
func statusValue(obj runtime.Object) (reflect.Value, bool) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	f := v.Elem().FieldByName("Status")
	return f, f.IsValid() && f.CanSet()
}

// clearStatus resets the status of obj, as create does for resources with a status subresource.
func clearStatus(obj runtime.Object) {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		delete(u.Object, "status")
		return
	}
	if f, ok := statusValue(obj); ok {
		f.Set(reflect.Zero(f.Type()))
	}
}

// copyStatus sets the status of dst to that of src; both have the same type. dst may then share
// memory with src, which is fine because stored objects are never mutated.
func copyStatus(dst, src runtime.Object) {
	if du, ok := dst.(*unstructured.Unstructured); ok {
		delete(du.Object, "status")
		if su, ok := src.(*unstructured.Unstructured); ok {
			if st, found := su.Object["status"]; found {
				du.Object["status"] = runtime.DeepCopyJSONValue(st)
			}
		}
		return
	}
	df, ok := statusValue(dst)
	sf, ok2 := statusValue(src)
	if ok && ok2 && df.Type() == sf.Type() {
		df.Set(sf)
	}
}

// specChanged reports whether anything outside TypeMeta, metadata and (unless withStatus) status
// differs between a and b.
func specChanged(a, b runtime.Object, withStatus bool) bool {
	if ua, ok := a.(*unstructured.Unstructured); ok {
		ub, _ := b.(*unstructured.Unstructured)
		return !equality.Semantic.DeepEqual(specOfMap(ua.Object, withStatus), specOfMap(ub.Object, withStatus))
	}
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		switch name := va.Type().Field(i).Name; {
		case name == "TypeMeta", name == "ObjectMeta", name == "Status" && !withStatus:
			continue
		}
		if !equality.Semantic.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			return true
		}
	}
	return false
}

func specOfMap(m map[string]any, withStatus bool) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch {
		case k == "apiVersion", k == "kind", k == "metadata", k == "status" && !withStatus:
			continue
		}
		out[k] = v
	}
	return out
}

// unchanged reports whether next equals old, so that writing it would be a no-op.
func unchanged(next, old runtime.Object) bool {
	return equality.Semantic.DeepEqual(next, old)
}

// convertLike returns obj as a value of the same Go type as like, converting through JSON when they
// differ (e.g. an unstructured object written to a store of typed objects).
func convertLike(obj, like runtime.Object) (runtime.Object, error) {
	if reflect.TypeOf(obj) == reflect.TypeOf(like) {
		return obj, nil
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("encoding %T: %v", obj, err))
	}
	out := reflect.New(reflect.TypeOf(like).Elem()).Interface().(runtime.Object)
	if err := json.Unmarshal(data, out); err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("decoding into %T: %v", out, err))
	}
	out.GetObjectKind().SetGroupVersionKind(like.GetObjectKind().GroupVersionKind())
	return out, nil
}

// nameAlphabet is the apiserver's alphabet for generated name suffixes: no vowels (no accidental words)
// and no easily confused characters.
const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// generateName appends a random 5-character suffix to base, trimming base so the result fits in 63
// characters.
func generateName(base string) string {
	const suffixLen, maxLen = 5, 63
	if len(base) > maxLen-suffixLen {
		base = base[:maxLen-suffixLen]
	}
	b := []byte(base)
	for range suffixLen {
		b = append(b, nameAlphabet[rand.IntN(len(nameAlphabet))])
	}
	return string(b)
}
