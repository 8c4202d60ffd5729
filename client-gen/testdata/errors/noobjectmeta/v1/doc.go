// Package v1 is an error fixture: +genclient on a type without ObjectMeta.
//
// +groupName=errors.kubegen.io
package v1
