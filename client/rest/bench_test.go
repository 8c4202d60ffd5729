package rest

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// realisticConfigMap looks like what kube-apiserver returns for a small application ConfigMap:
// labels, an annotation, managed fields and a handful of keys.
func realisticConfigMap() *corev1.ConfigMap {
	cm := sampleConfigMap()
	cm.Annotations = map[string]string{"kubectl.kubernetes.io/last-applied-configuration": `{"apiVersion":"v1","kind":"ConfigMap"}`}
	cm.ManagedFields = []metav1.ManagedFieldsEntry{{
		Manager: "kubectl-client-side-apply", Operation: metav1.ManagedFieldsOperationUpdate, APIVersion: "v1",
		Time: &cm.CreationTimestamp, FieldsType: "FieldsV1",
		FieldsV1: &metav1.FieldsV1{Raw: []byte(`{"f:data":{".":{},"f:greeting":{},"f:mode":{},"f:replicas":{}},"f:metadata":{"f:labels":{".":{},"f:app":{},"f:tier":{}}}}`)},
	}}
	for i := range 8 {
		cm.Data["key-"+strconv.Itoa(i)] = "value number " + strconv.Itoa(i) + " with some text in it"
	}
	return cm
}

// configMapBenchServer serves one pre-encoded protobuf ConfigMap for every request.
func configMapBenchServer(b *testing.B) *httptest.Server {
	body := encodeAs(b, ContentTypeProtobuf, realisticConfigMap())
	length := strconv.Itoa(len(body))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Type"] = []string{ContentTypeProtobuf}
		h["Content-Length"] = []string{length}
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// reportCPU adds a "cpu-ns/op" metric: the process's user+system CPU time per operation. On a shared,
// busy machine it is steadier than wall time (ns/op). The in-process test server is included, the
// same for every benchmark that uses configMapBenchServer.
func reportCPU(b *testing.B) func() {
	start := processCPU()
	return func() { b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op") }
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const benchPath = "/api/v1/namespaces/team-a/configmaps/settings"

func BenchmarkGetConfigMapProtobuf(b *testing.B) {
	srv := configMapBenchServer(b)
	c := testClient(b, srv.URL, ContentTypeProtobuf, nil)
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		cm := &corev1.ConfigMap{}
		err := c.Get().Namespace("team-a").Resource("configmaps").Name("settings").
			VersionedParams(&metav1.GetOptions{}, ParameterCodec).Do(ctx).Into(cm)
		if err != nil || cm.Name != "settings" {
			b.Fatalf("get: %v", err)
		}
	}
}

// BenchmarkRawNetHTTPGet does the same GET with plain net/http and apimachinery's protobuf decoder:
// the floor the REST client is measured against.
func BenchmarkRawNetHTTPGet(b *testing.B) {
	srv := configMapBenchServer(b)
	client := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	info, _ := runtime.SerializerInfoForMediaType(testCodecs.SupportedMediaTypes(), ContentTypeProtobuf)
	decoder := testCodecs.WithoutConversion().DecoderToVersion(info.Serializer, nil)
	ctx := context.Background()
	url := srv.URL + benchPath
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Accept", ContentTypeProtobuf)
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d: %v", resp.StatusCode, err)
		}
		cm := &corev1.ConfigMap{}
		if _, _, err := decoder.Decode(body, nil, cm); err != nil || cm.Name != "settings" {
			b.Fatalf("decode: %v", err)
		}
	}
}

func BenchmarkRequestBuild(b *testing.B) {
	c := testClient(b, "https://example.com:6443", ContentTypeProtobuf, nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		req, err := c.Get().Namespace("team-a").Resource("configmaps").Name("settings").
			VersionedParams(&metav1.GetOptions{ResourceVersion: "0"}, ParameterCodec).HTTPRequest(ctx)
		if err != nil || req.URL.Path != benchPath {
			b.Fatal(err)
		}
	}
}

func BenchmarkRequestBuildList(b *testing.B) {
	c := testClient(b, "https://example.com:6443", ContentTypeProtobuf, nil)
	ctx := context.Background()
	opts := &metav1.ListOptions{LabelSelector: "app=web", Limit: 500, ResourceVersion: "0"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Get().Namespace("team-a").Resource("configmaps").VersionedParams(opts, ParameterCodec).HTTPRequest(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
