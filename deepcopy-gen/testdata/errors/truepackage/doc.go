// Package truepackage is a deepcopy-gen error fixture.
//
// +k8s:deepcopy-gen=true
package truepackage
