// Package v1 is an error fixture: a value on a tag that takes none.
//
// +groupName=errors.kubegen.io
package v1
