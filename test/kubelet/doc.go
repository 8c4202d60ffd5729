// Package kubelet is a stand-in for a node's kubelet in end-to-end tests: a TLS server on loopback that
// speaks the kubelet's streaming endpoints, so that kube-apiserver's pods/exec, pods/attach and
// pods/portforward work against a real apiserver without any container runtime.
//
// The protocol side is k8s.io/cri-streaming's handlers (ServeExec, ServeAttach, ServePortForward), the
// same code a kubelet uses. What they drive is local: exec runs the command on this machine (in a
// pseudo-terminal when a TTY is asked for), attach connects to one long-running local process per
// container ("cat" by default, so attached input comes back as output), and port-forward dials
// 127.0.0.1:<port>.
//
//	/exec/{namespace}/{pod}/{container}?command=...&input=1&output=1&error=1&tty=1
//	/attach/{namespace}/{pod}/{container}?input=1&output=1
//	/portForward/{namespace}/{pod}
//	/containerLogs/{namespace}/{pod}/{container}?follow=true&...   (pods/log: a line echoing the query,
//	                                                               then numbered lines; followed until closed)
//
// Register the server as a Node with Server.Node and give pods spec.nodeName = that node; the apiserver
// then proxies streaming requests here (it does not verify the kubelet's certificate unless started
// with --kubelet-certificate-authority).
//
// Layer: test support. It may import the standard library, k8s.io/api, k8s.io/apimachinery and
// k8s.io/cri-streaming; it never imports kubegen's client packages, so it cannot share their bugs.
package kubelet
