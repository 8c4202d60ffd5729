// Package v1 is an error fixture: a +genclient:method without a verb.
//
// +groupName=errors.kubegen.io
package v1
