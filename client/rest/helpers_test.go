package rest

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/internal/testobjects"
)

// testScheme knows core/v1 and the metav1 kinds, as a typed client's scheme does.
var (
	testScheme = func() *runtime.Scheme {
		s := runtime.NewScheme()
		if err := corev1.AddToScheme(s); err != nil {
			panic(err)
		}
		metav1.AddToGroupVersion(s, schema.GroupVersion{Version: "v1"})
		return s
	}()
	testCodecs = serializer.NewCodecFactory(testScheme)
)

// testConfig returns a Config for core/v1 at host, with rate limiting off.
func testConfig(host, contentType string) *Config {
	return &Config{
		Host:    host,
		APIPath: "/api",
		ContentConfig: ContentConfig{
			GroupVersion:         &corev1.SchemeGroupVersion,
			NegotiatedSerializer: testCodecs.WithoutConversion(),
			ContentType:          contentType,
		},
		QPS:            -1,
		WarningHandler: NoWarnings{},
	}
}

// testClient builds a core/v1 client for host; retries never sleep and record their waits in *waits.
func testClient(t testing.TB, host, contentType string, waits *[]time.Duration) *RESTClient {
	t.Helper()
	c, err := RESTClientFor(testConfig(host, contentType))
	if err != nil {
		t.Fatalf("RESTClientFor: %v", err)
	}
	c.wait = func(_ context.Context, d time.Duration) error {
		if waits != nil {
			*waits = append(*waits, d)
		}
		return nil
	}
	return c
}

// encodeAs encodes obj in mediaType (JSON or protobuf) for core/v1, as kube-apiserver would.
func encodeAs(t testing.TB, mediaType string, obj runtime.Object) []byte {
	t.Helper()
	info, ok := runtime.SerializerInfoForMediaType(testCodecs.SupportedMediaTypes(), mediaType)
	if !ok {
		t.Fatalf("no serializer for %s", mediaType)
	}
	var gv runtime.GroupVersioner = corev1.SchemeGroupVersion
	if _, isStatus := obj.(*metav1.Status); isStatus {
		gv = schema.GroupVersion{Version: "v1"}
	}
	var buf bytes.Buffer
	if err := testCodecs.EncoderForVersion(info.Serializer, gv).Encode(obj, &buf); err != nil {
		t.Fatalf("encode %T as %s: %v", obj, mediaType, err)
	}
	return buf.Bytes()
}

func sampleConfigMap() *corev1.ConfigMap { return testobjects.ConfigMap() }

// serve starts an httptest server with h and closes it when the test ends.
func serve(t testing.TB, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}
