// Package e2e tests package rest against a real kube-apiserver (the test cluster of package
// test/cluster): lists, gets and watch events decoded by the direct JSON path must equal what
// apimachinery's serializer decodes from the same server. It has tests only, under the e2e build
// tag (hack/test.sh e2e); they need the binaries of hack/testbin.sh and fail without them.
package e2e
