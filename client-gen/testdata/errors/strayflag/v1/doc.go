// Package v1 is an error fixture: a +genclient:... tag on a type without +genclient.
//
// +groupName=errors.kubegen.io
package v1
