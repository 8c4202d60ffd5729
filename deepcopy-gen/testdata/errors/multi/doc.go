// Package multi is a deepcopy-gen error fixture.
//
// +k8s:deepcopy-gen=package
package multi
