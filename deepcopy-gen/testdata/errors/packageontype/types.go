// Package packageontype is a deepcopy-gen error fixture.
package packageontype

// T uses the package value on a type.
// +k8s:deepcopy-gen=package
type T struct{ P *int }
