// Package dep has no deepcopy tags and no DeepCopyInto methods.
package dep

// Dep has references.
type Dep struct {
	Items []string
}
