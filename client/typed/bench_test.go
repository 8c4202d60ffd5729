package typed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
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
