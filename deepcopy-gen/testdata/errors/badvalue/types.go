// Package badvalue is a deepcopy-gen error fixture.
package badvalue

// T is tagged with an unknown value.
// +k8s:deepcopy-gen=maybe
type T struct{ P *int }
