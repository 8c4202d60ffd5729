// Package v1 is a fixture: a kind served under another resource name (+resourceName).
//
// +groupName=resourcename.kubegen.io
package v1
