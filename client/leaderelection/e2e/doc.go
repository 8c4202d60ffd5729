// Package e2e tests package leaderelection against a real kube-apiserver (the test cluster of
// package test/cluster) with candidates in separate processes: the test binary re-runs itself as a
// candidate. It has tests only, under the e2e build tag (hack/test.sh e2e); they need the binaries
// of hack/testbin.sh and fail without them.
package e2e
