package v1

import "k8s.io/apimachinery/pkg/runtime"

// DeepCopyObject copies the Endpoints.
func (in *Endpoints) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	out.Addresses = append([]string(nil), in.Addresses...)
	return &out
}

// DeepCopyObject copies the list.
func (in *EndpointsList) DeepCopyObject() runtime.Object {
	out := *in
	out.Items = make([]Endpoints, len(in.Items))
	for i := range in.Items {
		out.Items[i] = *in.Items[i].DeepCopyObject().(*Endpoints)
	}
	return &out
}
