// Package novalue is a deepcopy-gen error fixture.
package novalue

// T has a tag without value.
// +k8s:deepcopy-gen
type T struct{ P *int }
