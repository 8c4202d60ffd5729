package other

// Amounts is a named map whose hand-written DeepCopyInto, like code-generator's for
// corev1.ResourceList, always makes a map: called on a nil Amounts it leaves an empty one. Code
// generated for fields of this type must not call it on nil.
type Amounts map[string]int

// DeepCopyInto copies in into out, always allocating.
func (in Amounts) DeepCopyInto(out *Amounts) {
	*out = make(Amounts, len(in))
	for k, v := range in {
		(*out)[k] = v
	}
}

// Steps is a named slice whose hand-written DeepCopyInto always allocates, like Amounts.
type Steps []string

// DeepCopyInto copies in into out, always allocating.
func (in Steps) DeepCopyInto(out *Steps) {
	*out = make(Steps, len(in))
	copy(*out, in)
}
