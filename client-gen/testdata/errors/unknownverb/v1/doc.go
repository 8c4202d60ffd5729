// Package v1 is an error fixture: an unknown verb.
//
// +groupName=errors.kubegen.io
package v1
