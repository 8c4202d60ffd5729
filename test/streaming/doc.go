// Package streaming holds the end-to-end tests of exec, attach and port-forward (client/remotecommand,
// client/portforward): a real etcd and kube-apiserver (test/cluster) and a fake Node whose kubelet is
// test/kubelet, a server built on k8s.io/cri-streaming's handlers that runs commands and dials ports
// on this machine. Every test runs over WebSocket and over SPDY.
//
// Layer: tests only. Its test files carry the e2e build tag: run with `go test -tags e2e
// ./test/streaming/` after hack/testbin.sh has built the cluster binaries; without them the package
// fails.
package streaming
