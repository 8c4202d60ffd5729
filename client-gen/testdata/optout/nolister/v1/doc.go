// Package v1 is a fixture of the package opt-out tags: its doc.go says +k8s:lister-gen=false.
//
// +groupName=nolister.kubegen.io
// +k8s:lister-gen=false
package v1
