package rest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/internal/testobjects"
)

func realisticConfigMap() *corev1.ConfigMap { return testobjects.RealisticConfigMap() }

var corev1GV = corev1.SchemeGroupVersion

func runtimeSerializerFor(mediaType string) (runtime.Serializer, bool) {
	info, ok := runtime.SerializerInfoForMediaType(testCodecs.SupportedMediaTypes(), mediaType)
	return info.Serializer, ok
}

// reportCPU adds a "cpu-ns/op" metric: the process's user+system CPU time per operation. On a shared,
// busy machine it is steadier than wall time (ns/op). The server runs in a child process
// (startBenchServer), so this, like B/op and allocs/op, is the client's cost alone.
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
	c := testClient(b, startBenchServer(b), ContentTypeProtobuf, nil)
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
	host := startBenchServer(b)
	client := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	info, _ := runtime.SerializerInfoForMediaType(testCodecs.SupportedMediaTypes(), ContentTypeProtobuf)
	decoder := testCodecs.WithoutConversion().DecoderToVersion(info.Serializer, nil)
	ctx := context.Background()
	url := host + benchPath
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

// benchmarkWatchDecode decodes a stream of 100 ConfigMap events per iteration; events/s is the figure
// to compare. serializerOnly turns the direct decoding paths off, for the serializer's own speed.
func benchmarkWatchDecode(b *testing.B, mediaType string, serializerOnly bool) {
	const n = 100
	events := make([]watch.Event, n)
	for i := range events {
		events[i] = watch.Event{Type: watch.Modified, Object: realisticConfigMap()}
	}
	stream := watchStream(b, mediaType, events...)
	c := testClient(b, "http://unused", mediaType, nil)
	objects, err := c.codecs.decoderFor(mediaType)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		dec, err := NewWatchDecoder(bytes.NewReader(stream), mediaType, objects)
		if err != nil {
			b.Fatal(err)
		}
		if serializerOnly {
			dec.direct = nil
		}
		for range n {
			if ev, err := dec.Decode(); err != nil || ev.Type != watch.Modified {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkWatchDecodeJSON(b *testing.B)           { benchmarkWatchDecode(b, ContentTypeJSON, false) }
func BenchmarkWatchDecodeJSONSerializer(b *testing.B) { benchmarkWatchDecode(b, ContentTypeJSON, true) }
func BenchmarkWatchDecodeProtobuf(b *testing.B)       { benchmarkWatchDecode(b, ContentTypeProtobuf, false) }

// BenchmarkResultDecodeJSON decodes a JSON ConfigMap, as a GET answers, and a list of 500, as an
// informer's initial list does, with Result.Into: "direct" is the client's path, "serializer" the
// same without the direct path.
func BenchmarkResultDecodeJSON(b *testing.B) {
	list := &corev1.ConfigMapList{}
	for range 500 {
		list.Items = append(list.Items, *realisticConfigMap())
	}
	bodies := []struct {
		name    string
		body    []byte
		objects int
		into    func() runtime.Object
	}{
		{"configmap", encodeAs(b, ContentTypeJSON, realisticConfigMap()), 1, func() runtime.Object { return &corev1.ConfigMap{} }},
		{"list-500", encodeAs(b, ContentTypeJSON, list), len(list.Items), func() runtime.Object { return &corev1.ConfigMapList{} }},
	}
	for _, bb := range bodies {
		for _, direct := range []bool{true, false} {
			b.Run(bb.name+"/"+map[bool]string{true: "direct", false: "serializer"}[direct], func(b *testing.B) {
				c := testClient(b, "http://unused", ContentTypeJSON, nil)
				if !direct {
					c.codecs.jsonDirect = nil
				}
				b.SetBytes(int64(len(bb.body)))
				b.ReportAllocs()
				defer reportCPU(b)()
				for b.Loop() {
					res := Result{body: bb.body, contentType: ContentTypeJSON, statusCode: 200, codecs: c.codecs}
					if err := res.Into(bb.into()); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*bb.objects)/b.Elapsed().Seconds(), "objects/s")
			})
		}
	}
}

// BenchmarkGetInProcess is a GET whose answer comes from an in-process RoundTripper: the request path
// alone (build, throttle, send, read, decode), without sockets, so that small changes to it (such as
// the metrics hooks, off unless registered) show above the noise.
func BenchmarkGetInProcess(b *testing.B) {
	cfg := testConfig("https://kube.example:6443", ContentTypeProtobuf)
	cfg.Transport = fixedResponse{ContentTypeProtobuf, encodeAs(b, ContentTypeProtobuf, realisticConfigMap())}
	c, err := RESTClientFor(cfg)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		cm := &corev1.ConfigMap{}
		err := c.Get().Namespace("team-a").Resource("configmaps").Name("settings").
			VersionedParams(&metav1.GetOptions{}, ParameterCodec).Do(ctx).Into(cm)
		if err != nil || cm.Name != "settings" {
			b.Fatalf("get: %v", err)
		}
	}
}
