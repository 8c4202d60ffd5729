// Package v1 is an error fixture: an opt-out tag whose value is neither true nor false.
//
// +groupName=errors.kubegen.io
// +k8s:lister-gen=maybe
package v1
