package typed_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

// BenchmarkGet measures a typed Get over loopback HTTP, including the REST client and JSON decoding.
func BenchmarkGet(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(objectReply))
	}))
	defer srv.Close()
	c := configMaps(b, &server{Server: srv}, "ns")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Get(ctx, "x", metav1.GetOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// cannedTransport answers every request with the same JSON object, without a network.
type cannedTransport struct{ body []byte }

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)), Request: r,
	}, nil
}

// BenchmarkGetClientOnly measures the client side of a typed Get (typed, rest, transport wrappers and
// JSON decoding) against a transport that answers from memory.
func BenchmarkGetClientOnly(b *testing.B) {
	gv := corev1.SchemeGroupVersion
	rc, err := rest.RESTClientFor(&rest.Config{
		Host: "https://example.invalid", APIPath: "/api", QPS: -1, WarningHandler: rest.NoWarnings{},
		Transport:     cannedTransport{body: []byte(objectReply)},
		ContentConfig: rest.ContentConfig{GroupVersion: &gv, NegotiatedSerializer: codecs.WithoutConversion()},
	})
	if err != nil {
		b.Fatal(err)
	}
	c := typed.NewClient("configmaps", rc, nil, "ns",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Get(ctx, "x", metav1.GetOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
