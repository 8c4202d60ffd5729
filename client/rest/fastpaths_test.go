package rest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// Tests of the request layer's use of the fast decoding paths (client/internal/fastjson, fastproto);
// the paths' own differential tests live beside them.

func TestIntoAnotherKindIsAnError(t *testing.T) {
	c := testClient(t, "http://unused", ContentTypeJSON, nil)
	success := &metav1.Status{TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: metav1.StatusSuccess}
	tests := []struct {
		name    string
		body    []byte
		wantErr string
	}{
		{"secret for a configmap", encodeAs(t, ContentTypeJSON, &corev1.Secret{}), "/v1, Kind=Secret"},
		{"failure status", encodeAs(t, ContentTypeJSON, goneStatus()), "too old resource version"},
		{"success status", encodeAs(t, ContentTypeJSON, success), ""},
		{"configmap", encodeAs(t, ContentTypeJSON, sampleConfigMap()), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the second time the direct path may decide
				res := Result{body: tt.body, contentType: ContentTypeJSON, statusCode: 200, codecs: c.codecs}
				err := res.Into(&corev1.ConfigMap{})
				if errorText(err) == "" != (tt.wantErr == "") || !strings.Contains(errorText(err), tt.wantErr) {
					t.Fatalf("Into = %v, want an error containing %q", err, tt.wantErr)
				}
			}
		})
	}
}

func TestIntoNilIsAnErrorNotAPanic(t *testing.T) {
	c := testClient(t, "http://unused", ContentTypeJSON, nil)
	body := encodeAs(t, ContentTypeJSON, sampleConfigMap())
	for _, obj := range []runtime.Object{nil, (*corev1.ConfigMap)(nil)} {
		for range 2 { // the second time the direct path may decide
			res := Result{body: body, contentType: ContentTypeJSON, statusCode: 200, codecs: c.codecs}
			panicked, err := intoRecovering(res, obj)
			if panicked || err == nil {
				t.Errorf("Into(%#v) = %v (panicked: %v), want an error", obj, err, panicked)
			}
		}
	}
}

func intoRecovering(res Result, obj runtime.Object) (panicked bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			panicked, err = true, fmt.Errorf("%v", p)
		}
	}()
	return false, res.Into(obj)
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// watchEvents is a stream of every event type, with a kind other than the watched one among them.
func watchEvents() []watch.Event {
	return []watch.Event{
		{Type: watch.Added, Object: realisticConfigMap()},
		{Type: watch.Modified, Object: configMapNamed("b", "2")},
		{Type: watch.Modified, Object: &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "other-kind"}}},
		{Type: watch.Deleted, Object: configMapNamed("b", "3")},
		{Type: watch.Bookmark, Object: &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{ResourceVersion: "9"}}},
		{Type: watch.Error, Object: goneStatus()},
	}
}

// TestWatchDecoderFastPathsMatchSerializer decodes one JSON watch stream with the fast paths (event
// envelope and objects) and with them off, and requires the same events.
func TestWatchDecoderFastPathsMatchSerializer(t *testing.T) {
	events := watchEvents()
	stream := watchStream(t, ContentTypeJSON, events...)
	fast := testClient(t, "http://unused", ContentTypeJSON, nil)
	if fast.codecs.jsonDirect == nil {
		t.Fatal("the fast JSON path is off for a default client")
	}
	objects, _ := fast.codecs.decoderFor(ContentTypeJSON)
	plain, _ := NewWatchDecoder(bytes.NewReader(stream), ContentTypeJSON, objects)
	plain.direct, plain.slow = nil, true
	direct, _ := NewWatchDecoder(bytes.NewReader(stream), ContentTypeJSON, objects)
	direct.direct = fast.codecs.jsonDirect
	for i := range events {
		want, wantErr := plain.Decode()
		got, gotErr := direct.Decode()
		if wantErr != nil || gotErr != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("event %d: fast %#v (%v), serializer %#v (%v)", i, got, gotErr, want, wantErr)
		}
	}
}

// TestFastPathsOffSwitch: DisableFastPaths and KUBEGEN_FAST_PATHS=off leave no fast decoder in the
// client or its watches, and the answers stay the same.
func TestFastPathsOffSwitch(t *testing.T) {
	body := encodeAs(t, ContentTypeJSON, realisticConfigMap())
	decode := func(t *testing.T, c *RESTClient) *corev1.ConfigMap {
		t.Helper()
		out := &corev1.ConfigMap{}
		for range 2 { // the second decode may take a learned fast path
			res := Result{body: body, contentType: ContentTypeJSON, statusCode: 200, codecs: c.codecs}
			if err := res.Into(out); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	want := decode(t, testClient(t, "http://unused", ContentTypeJSON, nil))
	check := func(t *testing.T, c *RESTClient) {
		t.Helper()
		if c.codecs.jsonDirect != nil || c.codecs.direct != nil || !c.codecs.slow {
			t.Fatalf("fast decoders still set: json %v, protobuf %v", c.codecs.jsonDirect != nil, c.codecs.direct != nil)
		}
		if got := decode(t, c); !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %#v with the fast paths off, %#v with them on", got, want)
		}
		for _, ct := range []string{ContentTypeJSON, ContentTypeProtobuf} {
			stream := watchStream(t, ct, watchEvents()...)
			dec, err := c.watchDecoderFor(&http.Response{Header: http.Header{"Content-Type": {ct}}, Body: io.NopCloser(bytes.NewReader(stream))})
			if err != nil || dec.direct != nil || dec.proto != nil || !dec.slow {
				t.Fatalf("%s watch decoder: %v, fast paths left on", ct, err)
			}
		}
	}
	t.Run("option", func(t *testing.T) {
		cfg := testConfig("http://unused", ContentTypeJSON)
		cfg.DisableFastPaths = true
		c, err := RESTClientFor(cfg)
		if err != nil {
			t.Fatal(err)
		}
		check(t, c)
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv("KUBEGEN_FAST_PATHS", "off")
		check(t, testClient(t, "http://unused", ContentTypeJSON, nil))
		for _, ct := range []string{ContentTypeJSON, "", ContentTypeProtobuf} {
			if dec, _ := NewWatchDecoder(bytes.NewReader(nil), ct, nil); dec.direct != nil || dec.proto != nil || !dec.slow {
				t.Errorf("NewWatchDecoder(%q) keeps a fast path with KUBEGEN_FAST_PATHS=off", ct)
			}
		}
	})
}
