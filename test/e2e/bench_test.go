//go:build e2e

package e2e

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/rest"
)

// Typed GET round trips against the real apiserver. Wall time (ns/op) is dominated by the apiserver; the
// client's own cost shows in B/op, allocs/op and client-cpu-ns/op (CPU time of this process only, the
// apiserver being another process).

func BenchmarkGetConfigMapProtobuf(b *testing.B) { benchmarkGetConfigMap(b, protobufType) }

func BenchmarkGetConfigMapJSON(b *testing.B) { benchmarkGetConfigMap(b, jsonType) }

func benchmarkGetConfigMap(b *testing.B, contentType string) {
	core, ns := benchConfigMap(b, contentType)
	ctx := b.Context()
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		cm := &corev1.ConfigMap{}
		if err := core.Get().Namespace(ns).Resource("configmaps").Name("bench").Do(ctx).Into(cm); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkGetConfigMapRawHTTPProtobuf is the baseline for BenchmarkGetConfigMapProtobuf: the same
// request through the same *http.Client, built by hand and decoded with the protobuf serializer directly.
func BenchmarkGetConfigMapRawHTTPProtobuf(b *testing.B) {
	core, ns := benchConfigMap(b, protobufType)
	info, ok := runtime.SerializerInfoForMediaType(codecs.SupportedMediaTypes(), protobufType)
	if !ok {
		b.Fatal("no protobuf serializer")
	}
	url := fmt.Sprintf("%s/api/v1/namespaces/%s/configmaps/bench", testCluster.Host(), ns)
	client := core.HTTPClient()
	ctx := b.Context()
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Accept", protobufType)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("GET: %d %v", resp.StatusCode, err)
		}
		cm := &corev1.ConfigMap{}
		if _, _, err := info.Serializer.Decode(body, nil, cm); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// benchConfigMap creates ConfigMap "bench" (a few keys, like a small real one) in a new namespace and
// returns a client speaking contentType.
func benchConfigMap(b *testing.B, contentType string) (*rest.RESTClient, string) {
	b.Helper()
	ns := newNamespace(b)
	core := restClient(b, testCluster.AdminConfig(), coreV1, contentType)
	data := map[string]string{}
	for i := range 8 {
		data[fmt.Sprintf("key-%d", i)] = fmt.Sprintf("value number %d of the benchmark ConfigMap", i)
	}
	cm := newConfigMap("bench", data)
	cm.Labels = map[string]string{"app": "kubegen-bench", "tier": "e2e"}
	configMaps{core, ns}.create(b, cm)
	return core, ns
}
