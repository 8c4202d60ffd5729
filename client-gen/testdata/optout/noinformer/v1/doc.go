// Package v1 is a fixture of the package opt-out tags: its doc.go says +k8s:informer-gen=false.
//
// +groupName=noinformer.kubegen.io
// +k8s:informer-gen=false
package v1
