// Package e2e runs the blessed informers (kubernetes/informers over the kubernetes clientset,
// protobuf by default) against a real kube-apiserver and etcd from test/cluster: caches sync,
// listers read them, changes arrive, and a user without RBAC gets a sync error naming the informer.
//
// Layer: tests only; it imports the generated code, the runtime beneath it and test/cluster.
package e2e
