// Package kubeconfig loads kubeconfig files and in-cluster configuration into a *rest.Config.
package kubeconfig
