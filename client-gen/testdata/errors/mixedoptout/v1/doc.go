// Package v1 is an error fixture: an opt-out tag given as both false and true.
//
// +groupName=errors.kubegen.io
// +k8s:client-gen=false
// +k8s:client-gen=true
package v1
