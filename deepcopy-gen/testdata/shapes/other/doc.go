// Package other is a second fixture package whose types shapes refers to.
//
// +k8s:deepcopy-gen=package
package other
