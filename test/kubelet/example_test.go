package kubelet_test

import (
	"fmt"
	"log"

	"github.com/kubegen/kubegen/test/kubelet"
)

// Start a fake kubelet and describe the Node that points kube-apiserver at it. An e2e test creates
// the Node, sets its status through the status subresource, and binds pods to it with spec.nodeName.
func Example() {
	s, err := kubelet.Start(kubelet.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	node := s.Node("fake-node")
	fmt.Println(node.Name, node.Status.Addresses[0].Type, node.Status.Addresses[0].Address)
	fmt.Println(int(node.Status.DaemonEndpoints.KubeletEndpoint.Port) == s.Port())
	// Output:
	// fake-node InternalIP 127.0.0.1
	// true
}
