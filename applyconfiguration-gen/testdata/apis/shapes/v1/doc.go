// Package v1 is a fixture of applyconfiguration-gen: a kind with every shape of field an apply
// configuration has to handle.
//
// +groupName=shapes.kubegen.io
package v1
