package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	"k8s.io/apimachinery/pkg/watch"
	cgkubernetes "k8s.io/client-go/kubernetes"
	cgrest "k8s.io/client-go/rest"

	kgrest "github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	"github.com/kubegen/kubegen/test/bench/internal/fixture"
)

const watchEvents = 2000

// watchStream pre-encodes watchEvents MODIFIED events of ~1 KiB ConfigMaps, as JSON and as protobuf.
func watchStream(b *testing.B) (jsonStream, pbStream []byte) {
	b.Helper()
	jsonCodec := serializer.NewCodecFactory(fixture.Scheme).LegacyCodec(corev1.SchemeGroupVersion)
	pb := protobuf.NewSerializer(fixture.Scheme, fixture.Scheme)
	var jb, pbb bytes.Buffer
	pbFramer := protobuf.LengthDelimitedFramer.NewFrameWriter(&pbb)
	// As kube-apiserver frames protobuf watches: each frame is the raw protobuf of a WatchEvent whose
	// object is the enveloped protobuf of the ConfigMap.
	eventCodec := protobuf.NewRawSerializer(fixture.Scheme, fixture.Scheme)
	for i := 0; i < watchEvents; i++ {
		cm := fixture.ConfigMap(i)
		raw, err := runtime.Encode(jsonCodec, cm)
		if err != nil {
			b.Fatal(err)
		}
		ev, _ := json.Marshal(metav1.WatchEvent{Type: string(watch.Modified), Object: runtime.RawExtension{Raw: raw}})
		jb.Write(ev)
		jb.WriteByte('\n')
		praw, err := runtime.Encode(pb, cm)
		if err != nil {
			b.Fatal(err)
		}
		pev := &metav1.WatchEvent{Type: string(watch.Modified), Object: runtime.RawExtension{Raw: praw}}
		frame, err := runtime.Encode(eventCodec, pev)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := pbFramer.Write(frame); err != nil {
			b.Fatal(err)
		}
	}
	return jb.Bytes(), pbb.Bytes()
}

func watchServer(b *testing.B) *httptest.Server {
	jsonStream, pbStream := watchStream(b)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.Header.Get("Accept"), protobufType) {
			w.Header().Set("Content-Type", protobufType+";stream=watch")
			w.Write(pbStream)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(jsonStream)
	}))
	b.Cleanup(s.Close)
	return s
}

// drain reads every event of a watch, failing on a short stream.
func drain(b *testing.B, w watch.Interface) {
	n := 0
	for ev := range w.ResultChan() {
		if ev.Type != watch.Modified {
			b.Fatalf("event %d: %s %v", n, ev.Type, ev.Object)
		}
		n++
	}
	if n != watchEvents {
		b.Fatalf("%d events, want %d", n, watchEvents)
	}
}

// BenchmarkWatchDecode decodes a watch stream of watchEvents ~1 KiB ConfigMaps; events/s is the figure
// to compare. "encoding-json" is plain encoding/json into typed structs, the floor of JSON decoding.
func BenchmarkWatchDecode(b *testing.B) {
	for _, enc := range []struct{ name, contentType string }{{"json", "application/json"}, {"protobuf", protobufType}} {
		b.Run("kubegen/"+enc.name, func(b *testing.B) {
			s := watchServer(b)
			cfg := &kgrest.Config{Host: s.URL, QPS: -1, APIPath: "/api"}
			cfg.GroupVersion = &schema.GroupVersion{Version: "v1"}
			cfg.NegotiatedSerializer = serializer.NewCodecFactory(fixture.Scheme).WithoutConversion()
			cfg.ContentType = enc.contentType
			rc, err := kgrest.RESTClientFor(cfg)
			if err != nil {
				b.Fatal(err)
			}
			c := typed.NewClient[*corev1.ConfigMap, *corev1.ConfigMapList]("configmaps", rc, kgrest.ParameterCodec, "",
				func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w, err := c.Watch(context.Background(), metav1.ListOptions{})
				if err != nil {
					b.Fatal(err)
				}
				drain(b, w)
			}
			b.ReportMetric(float64(b.N*watchEvents)/b.Elapsed().Seconds(), "events/s")
		})
		b.Run("client-go/"+enc.name, func(b *testing.B) {
			s := watchServer(b)
			cs, err := cgkubernetes.NewForConfig(&cgrest.Config{Host: s.URL, QPS: -1, ContentConfig: cgrest.ContentConfig{ContentType: enc.contentType}})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				w, err := cs.CoreV1().ConfigMaps("").Watch(context.Background(), metav1.ListOptions{})
				if err != nil {
					b.Fatal(err)
				}
				drain(b, w)
			}
			b.ReportMetric(float64(b.N*watchEvents)/b.Elapsed().Seconds(), "events/s")
		})
	}
	b.Run("encoding-json", func(b *testing.B) {
		stream, _ := watchStream(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			dec := json.NewDecoder(bytes.NewReader(stream))
			for n := 0; n < watchEvents; n++ {
				var ev struct {
					Type   string           `json:"type"`
					Object corev1.ConfigMap `json:"object"`
				}
				if err := dec.Decode(&ev); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*watchEvents)/b.Elapsed().Seconds(), "events/s")
	})
}
