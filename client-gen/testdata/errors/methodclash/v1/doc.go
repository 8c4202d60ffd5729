// Package v1 is an error fixture: methodclash.
//
// +groupName=errors.kubegen.io
package v1
