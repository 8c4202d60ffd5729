// Package v1 is an error fixture: duplicateonly.
//
// +groupName=errors.kubegen.io
package v1
