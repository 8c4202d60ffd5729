// Package e2e holds kubegen's end-to-end tests: they start a real etcd and kube-apiserver (package
// test/cluster) once for the package and drive them through client/kubeconfig and client/rest with every
// authentication mode, both wire formats, watches and the typed API errors.
//
// Layer: tests only; it may import any kubegen package. Run it with `go test ./test/e2e/` after
// hack/testbin.sh has built the cluster binaries (hack/test.sh does both); without them the package fails.
package e2e
