// Package v1 is an error fixture: a method verb client-gen cannot generate.
//
// +groupName=errors.kubegen.io
package v1
