// Package v1 is a fixture API group for client-gen's golden tests: one kind per tag combination.
//
// +k8s:deepcopy-gen=package
// +groupName=example.kubegen.io
// +groupGoName=Example
package v1
