package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	cgkubernetes "k8s.io/client-go/kubernetes"
	cgrest "k8s.io/client-go/rest"

	kgrest "github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	"github.com/kubegen/kubegen/test/bench/internal/fixture"
)

const protobufType = fixture.ProtobufType

// configMap is a realistic ~1 KiB ConfigMap as the apiserver returns it.
func configMap() *corev1.ConfigMap {
	cm := &corev1.ConfigMap{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "ConfigMap"},
		ObjectMeta: metav1.ObjectMeta{
			Name: "settings", Namespace: "default", UID: "6d1f4e5a-8a37-4c47-9b8f-2f0a3c4b5d6e",
			ResourceVersion: "123456", CreationTimestamp: metav1.Unix(1700000000, 0),
			Labels:      map[string]string{"app": "web", "tier": "frontend"},
			Annotations: map[string]string{"owner": "team-a"},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl", Operation: metav1.ManagedFieldsOperationApply,
				APIVersion: "v1", FieldsType: "FieldsV1", FieldsV1: &metav1.FieldsV1{Raw: []byte(`{"f:data":{"f:a":{},"f:b":{}}}`)}}},
		},
		Data: map[string]string{},
	}
	for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
		cm.Data["key-"+k] = string(make([]byte, 80))
	}
	return cm
}

var scheme = fixture.Scheme

// server answers every GET with the ConfigMap in the requested encoding.
func server(b *testing.B) *httptest.Server {
	b.Helper()
	cm := configMap()
	jsonBody, err := runtime.Encode(serializer.NewCodecFactory(scheme).LegacyCodec(corev1.SchemeGroupVersion), cm)
	if err != nil {
		b.Fatal(err)
	}
	pb := protobuf.NewSerializer(scheme, scheme)
	pbBody, err := runtime.Encode(pb, cm)
	if err != nil {
		b.Fatal(err)
	}
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.Header.Get("Accept"), protobufType) {
			w.Header().Set("Content-Type", protobufType)
			w.Write(pbBody)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(jsonBody)
	}))
	b.Cleanup(s.Close)
	return s
}

// BenchmarkGetConfigMap is a typed GET round trip, kubegen and client-go, JSON and protobuf, over the
// same loopback server. Compare allocs/op and B/op: the server's cost is the same for both.
func BenchmarkGetConfigMap(b *testing.B) {
	for _, enc := range []struct{ name, contentType string }{{"json", "application/json"}, {"protobuf", protobufType}} {
		b.Run("kubegen/"+enc.name, func(b *testing.B) {
			s := server(b)
			cfg := &kgrest.Config{Host: s.URL, QPS: -1}
			cfg.GroupVersion = &corev1.SchemeGroupVersion
			cfg.APIPath = "/api"
			cfg.NegotiatedSerializer = serializer.NewCodecFactory(scheme).WithoutConversion()
			cfg.ContentType = enc.contentType
			rc, err := kgrest.RESTClientFor(cfg)
			if err != nil {
				b.Fatal(err)
			}
			c := typed.NewClient[*corev1.ConfigMap, *corev1.ConfigMapList]("configmaps", rc, kgrest.ParameterCodec, "default",
				func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Get(ctx, "settings", metav1.GetOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("client-go/"+enc.name, func(b *testing.B) {
			s := server(b)
			cfg := &cgrest.Config{Host: s.URL, QPS: -1, ContentConfig: cgrest.ContentConfig{ContentType: enc.contentType}}
			cs, err := cgkubernetes.NewForConfig(cfg)
			if err != nil {
				b.Fatal(err)
			}
			c := cs.CoreV1().ConfigMaps("default")
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := c.Get(ctx, "settings", metav1.GetOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
