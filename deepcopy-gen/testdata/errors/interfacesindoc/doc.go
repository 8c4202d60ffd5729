// Package interfacesindoc is a deepcopy-gen error fixture.
//
// +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object
package interfacesindoc
