// Package e2e tests package events against a real kube-apiserver (the test cluster of package
// test/cluster). It has tests only, under the e2e build tag (hack/test.sh e2e); they need the
// binaries of hack/testbin.sh and fail without them.
package e2e
