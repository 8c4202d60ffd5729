// Package shapes is a deepcopy-gen fixture holding every type shape API types use.
//
// +k8s:deepcopy-gen=package
package shapes
