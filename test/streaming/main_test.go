//go:build e2e

package streaming

import (
	"fmt"
	"os"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
	"github.com/kubegen/kubegen/test/kubelet"
)

// The cluster and fake kubelet every test shares; tests isolate themselves by namespace.
var (
	testCluster *cluster.Cluster
	testKubelet *kubelet.Server
)

// nodeName is the Node whose kubelet is testKubelet; every test pod is bound to it.
const nodeName = "kubegen-streaming-node"

func TestMain(m *testing.M) {
	code := cluster.Run(m, &testCluster)
	if testKubelet != nil {
		testKubelet.Close()
	}
	os.Exit(code)
}

var (
	scheme = runtime.NewScheme()
	codecs = serializer.NewCodecFactory(scheme)
)

func init() {
	if err := corev1.AddToScheme(scheme); err != nil {
		panic(err)
	}
	metav1.AddToGroupVersion(scheme, schema.GroupVersion{Version: "v1"})
}

// adminCore is a core/v1 client for the admin user, for test setup.
func adminCore(t testing.TB) *rest.RESTClient {
	t.Helper()
	cfg := testCluster.AdminConfig()
	cfg.APIPath = "/api"
	cfg.GroupVersion = &schema.GroupVersion{Version: "v1"}
	cfg.NegotiatedSerializer = codecs.WithoutConversion()
	c, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatalf("RESTClientFor: %v", err)
	}
	return c
}

// startKubelet starts the fake kubelet and registers it as Node nodeName, once per test binary.
func startKubelet(t testing.TB) {
	t.Helper()
	kubeletOnce.Do(func() { kubeletErr = registerKubelet(t) })
	if kubeletErr != nil {
		t.Fatalf("fake kubelet: %v", kubeletErr)
	}
}

func registerKubelet(t testing.TB) error {
	s, err := kubelet.Start(kubelet.Options{})
	if err != nil {
		return err
	}
	testKubelet = s
	core := adminCore(t)
	node := s.Node(nodeName)
	created := &corev1.Node{}
	if err := core.Post().Resource("nodes").Body(node).Do(t.Context()).Into(created); err != nil {
		return fmt.Errorf("creating node: %w", err)
	}
	created.Status = node.Status // create ignores status: set it through the subresource
	if err := core.Put().Resource("nodes").Name(nodeName).SubResource("status").Body(created).
		Do(t.Context()).Error(); err != nil {
		return fmt.Errorf("setting node status: %w", err)
	}
	return nil
}
