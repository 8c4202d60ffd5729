// Package funcfield is a deepcopy-gen error fixture.
//
// +k8s:deepcopy-gen=package
package funcfield
