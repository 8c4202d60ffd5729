// Package v1 is an error fixture: nolist.
//
// +groupName=errors.kubegen.io
package v1
