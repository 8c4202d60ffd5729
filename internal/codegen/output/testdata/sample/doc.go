// Package sample is a fixture for the output package's loader tests.
//
// +groupName=sample.example.com
// +k8s:deepcopy-gen=package
package sample
