// Package v1 is a fixture of the package opt-out tags: its doc.go says +k8s:client-gen=false.
//
// +groupName=noclient.kubegen.io
// +k8s:client-gen=false
package v1
