package wrongsignature

// T has a DeepCopyInto with the wrong signature.
type T struct{ P *int }

// DeepCopyInto takes a value, which is wrong.
func (in *T) DeepCopyInto(out T) {}

// U holds a T.
type U struct{ T T }
