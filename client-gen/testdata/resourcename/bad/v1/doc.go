// Package v1 is an error fixture: a +resourceName that is not a resource name.
//
// +groupName=bad.kubegen.io
package v1
