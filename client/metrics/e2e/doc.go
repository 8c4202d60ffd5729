// Package e2e tests package metrics against a real kube-apiserver (the test cluster of package
// test/cluster): real requests must report their latency and result. It has tests only, under the
// e2e build tag; they need the binaries of hack/testbin.sh and fail without them.
package e2e
