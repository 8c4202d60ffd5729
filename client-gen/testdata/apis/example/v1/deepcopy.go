package v1

import "k8s.io/apimachinery/pkg/runtime"

// Hand-written deep copies keep the fixture independent of deepcopy-gen.

// DeepCopyObject copies the Widget.
func (in *Widget) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject copies the list.
func (in *WidgetList) DeepCopyObject() runtime.Object {
	out := *in
	out.Items = make([]Widget, len(in.Items))
	for i := range in.Items {
		out.Items[i] = *in.Items[i].DeepCopyObject().(*Widget)
	}
	return &out
}

// DeepCopyObject copies the Policy.
func (in *Policy) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	out.Rules = append([]string(nil), in.Rules...)
	return &out
}

// DeepCopyObject copies the list.
func (in *PolicyList) DeepCopyObject() runtime.Object {
	out := *in
	out.Items = make([]Policy, len(in.Items))
	for i := range in.Items {
		out.Items[i] = *in.Items[i].DeepCopyObject().(*Policy)
	}
	return &out
}

// DeepCopyObject copies the Review.
func (in *Review) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject copies the Gauge.
func (in *Gauge) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject copies the list.
func (in *GaugeList) DeepCopyObject() runtime.Object {
	out := *in
	out.Items = make([]Gauge, len(in.Items))
	for i := range in.Items {
		out.Items[i] = *in.Items[i].DeepCopyObject().(*Gauge)
	}
	return &out
}

// DeepCopyObject copies the Nudge.
func (in *Nudge) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject copies the Sprocket.
func (in *Sprocket) DeepCopyObject() runtime.Object {
	out := *in
	in.ObjectMeta.DeepCopyInto(&out.ObjectMeta)
	return &out
}

// DeepCopyObject copies the list.
func (in *SprocketList) DeepCopyObject() runtime.Object {
	out := *in
	out.Items = make([]Sprocket, len(in.Items))
	for i := range in.Items {
		out.Items[i] = *in.Items[i].DeepCopyObject().(*Sprocket)
	}
	return &out
}

// DeepCopyObject copies the Token.
func (in *Token) DeepCopyObject() runtime.Object {
	out := *in
	return &out
}

// DeepCopy copies the Widget.
func (in *Widget) DeepCopy() *Widget { return in.DeepCopyObject().(*Widget) }
