package v1

import "k8s.io/apimachinery/pkg/runtime"

// Resize is the input of an apply method, so it must be an API object. A hand-written shallow copy is
// enough for the fixture: applyconfiguration-gen reads its fields only.

// DeepCopyObject copies the Resize.
func (in *Resize) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}
