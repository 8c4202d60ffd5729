// Package e2e checks package smdschema against a real kube-apiserver: the schema derived from the Go
// types of k8s.io/api agrees with the one the apiserver derives from its published OpenAPI (v3) for
// every kind it serves.
package e2e
