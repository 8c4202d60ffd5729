// Package v1beta1 is an older version of the fixture group; the clientset prefers v1.
//
// +k8s:deepcopy-gen=package
// +groupName=example.kubegen.io
// +groupGoName=Example
package v1beta1
