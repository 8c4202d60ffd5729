// Package v1 is an error fixture: an unknown +genclient tag.
//
// +groupName=errors.kubegen.io
package v1
