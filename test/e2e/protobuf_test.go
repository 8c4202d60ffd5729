//go:build e2e

package e2e

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// TestProtobufNegotiated lists pods with a protobuf client and checks the server answered in protobuf,
// then runs the ConfigMap round trip with protobuf request bodies.
func TestProtobufNegotiated(t *testing.T) {
	t.Parallel()
	ns := newNamespace(t)
	createPod(t, ns, "proto")
	core := restClient(t, testCluster.AdminConfig(), coreV1, protobufType)

	res := core.Get().Namespace(ns).Resource("pods").Do(t.Context())
	if got := res.ContentType(); got != protobufType {
		t.Fatalf("response Content-Type %q, want %q", got, protobufType)
	}
	raw, err := res.Raw()
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) < 4 || !slices.Equal(raw[:4], []byte("k8s\x00")) {
		t.Fatalf("body starts with %q, want the protobuf envelope magic k8s\\0", raw[:min(len(raw), 4)])
	}
	pods := &corev1.PodList{}
	if err := res.Into(pods); err != nil {
		t.Fatalf("decoding protobuf pod list: %v", err)
	}
	if names := podNames(pods); !slices.Equal(names, []string{"proto"}) {
		t.Fatalf("listed pods %v, want [proto]", names)
	}
	if pods.Items[0].Spec.Containers[0].Image != "example.invalid/none" {
		t.Fatalf("decoded pod spec %+v", pods.Items[0].Spec)
	}
	exerciseConfigMap(t, core, ns, "proto")
}

// TestJSONByDefault checks the other side: a JSON client gets JSON.
func TestJSONByDefault(t *testing.T) {
	t.Parallel()
	ns := newNamespace(t)
	res := restClient(t, testCluster.AdminConfig(), coreV1, "").Get().Namespace(ns).Resource("pods").Do(t.Context())
	if got := res.ContentType(); got != jsonType {
		t.Fatalf("response Content-Type %q, want %q", got, jsonType)
	}
	if err := res.Into(&corev1.PodList{}); err != nil {
		t.Fatal(err)
	}
}
