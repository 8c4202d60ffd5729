// Package v1 is a fixture of the package opt-out tags: its doc.go says +k8s:applyconfiguration-gen=false.
//
// +groupName=noapply.kubegen.io
// +k8s:applyconfiguration-gen=false
package v1
