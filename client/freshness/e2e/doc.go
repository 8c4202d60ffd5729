// Package e2e tests package freshness against a real kube-apiserver (the test cluster of package
// test/cluster). It has tests only; they need the binaries of hack/testbin.sh and fail without
// them.
package e2e
