// Package v1 is a fixture of the package opt-out tags: its doc.go says +k8s:client-gen=true.
//
// +groupName=all.kubegen.io
// +k8s:client-gen=true
package v1
