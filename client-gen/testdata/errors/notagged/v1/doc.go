// Package v1 is an error fixture: no +genclient type at all.
//
// +groupName=errors.kubegen.io
package v1
