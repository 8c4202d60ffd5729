package fake

import (
	"encoding/json"

	"k8s.io/apimachinery/pkg/runtime"
)

// asStored returns obj as the apiserver stores and returns it: through its serialized form, so that
// empty lists and maps with omitempty come back absent and times (managedFields' included) to the
// second, as clients decode them. The object is returned unchanged if it does not round-trip.
func asStored(obj runtime.Object) runtime.Object {
	data, err := json.Marshal(obj)
	if err != nil {
		return obj
	}
	out := newLike(obj)
	if err := json.Unmarshal(data, out); err != nil {
		return obj
	}
	out.GetObjectKind().SetGroupVersionKind(obj.GetObjectKind().GroupVersionKind())
	return out
}
