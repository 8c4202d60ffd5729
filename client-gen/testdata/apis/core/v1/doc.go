// Package v1 is a fixture for the legacy core group (empty group name, served under /api).
//
// +k8s:deepcopy-gen=package
// +groupName=
package v1
