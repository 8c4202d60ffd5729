// Package interfacesdisabled is a deepcopy-gen error fixture.
//
// +k8s:deepcopy-gen=package
package interfacesdisabled
