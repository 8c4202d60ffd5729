// Package e2e tests package cache against a real kube-apiserver (the test cluster of package
// test/cluster), killing and restarting it and compacting etcd while informers run, and runs the
// same scenario against the fake clients of package fake. It has tests only, under the e2e build
// tag (hack/test.sh e2e); they need the binaries of hack/testbin.sh and fail without them.
package e2e
