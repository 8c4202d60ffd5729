// Package e2e runs the CronTab controller of package examples/crd/controller against a real
// kube-apiserver (the test cluster of package test/cluster) with the CronTab CRD installed from
// examples/crd/manifests: in process while the apiserver is killed and restarted, and as the
// command of examples/crd/controller/cmd given a kubeconfig file. It has tests only, under the e2e
// build tag (hack/test.sh e2e); they need the binaries of hack/testbin.sh and fail without them.
package e2e
