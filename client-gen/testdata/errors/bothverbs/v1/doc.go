// Package v1 is an error fixture: a verb in both onlyVerbs and skipVerbs.
//
// +groupName=errors.kubegen.io
package v1
