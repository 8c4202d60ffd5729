// Package contradiction is a deepcopy-gen error fixture.
package contradiction

// T says both true and false.
// +k8s:deepcopy-gen=true
// +k8s:deepcopy-gen=false
type T struct{ P *int }
