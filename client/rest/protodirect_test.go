package rest

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/internal/testobjects"
)

func samplePod() *corev1.Pod { return testobjects.Pod() }

// protoResult is a 200 protobuf Result for body, decoded by c.
func protoResult(c *RESTClient, body []byte) Result {
	return Result{body: body, contentType: ContentTypeProtobuf, statusCode: 200, codecs: c.codecs}
}

func TestDirectProtobufDecodingMatchesSerializer(t *testing.T) {
	list := &corev1.ConfigMapList{Items: []corev1.ConfigMap{*sampleConfigMap(), *realisticConfigMap()}}
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}, Data: map[string][]byte{"k": {0, 1, 2}}}
	tests := []struct {
		name    string
		obj     runtime.Object
		newInto func() runtime.Object
	}{
		{"configmap", realisticConfigMap(), func() runtime.Object { return &corev1.ConfigMap{} }},
		{"pod", samplePod(), func() runtime.Object { return &corev1.Pod{} }},
		{"list", list, func() runtime.Object { return &corev1.ConfigMapList{} }},
		{"secret", secret, func() runtime.Object { return &corev1.Secret{} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := encodeAs(t, ContentTypeProtobuf, tt.obj)
			c := testClient(t, "http://unused", ContentTypeProtobuf, nil)
			if c.codecs.direct == nil {
				t.Fatal("direct decoding not enabled for a WithoutConversion codec factory")
			}
			first, second := tt.newInto(), tt.newInto()
			if done, _ := c.codecs.direct.Decode(body, first); done {
				t.Fatal("direct decoding used before the type was learned")
			}
			if err := protoResult(c, body).Into(first); err != nil { // regular path, learns
				t.Fatal(err)
			}
			if done, err := c.codecs.direct.Decode(body, second); !done || err != nil {
				t.Fatalf("direct decoding not used after learning: done=%v err=%v", done, err)
			}
			if !reflect.DeepEqual(first, second) {
				t.Errorf("direct decoding differs from the serializer:\n%#v\n%#v", second, first)
			}
		})
	}
}

func TestDirectProtobufDecodingFallsBack(t *testing.T) {
	c := testClient(t, "http://unused", ContentTypeProtobuf, nil)
	if err := protoResult(c, encodeAs(t, ContentTypeProtobuf, sampleConfigMap())).Into(&corev1.ConfigMap{}); err != nil {
		t.Fatal(err)
	}
	secret := encodeAs(t, ContentTypeProtobuf, &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}})
	tests := []struct {
		name string
		body []byte
	}{
		{"other kind", secret},
		{"no magic", []byte{0x0a, 0x00}},
		{"truncated envelope", encodeAs(t, ContentTypeProtobuf, sampleConfigMap())[:12]},
		{"varint field", append(encodeAs(t, ContentTypeProtobuf, sampleConfigMap()), 0x28, 0x01)},
		{"content encoding", append(encodeAs(t, ContentTypeProtobuf, sampleConfigMap()), 0x1a, 0x04, 'g', 'z', 'i', 'p')},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if done, _ := c.codecs.direct.Decode(tt.body, &corev1.ConfigMap{}); done {
				t.Errorf("direct decoding accepted a body it must leave to the serializer")
			}
		})
	}
	jsonOnly := testConfig("http://unused", ContentTypeProtobuf)
	jsonOnly.NegotiatedSerializer = testCodecs // with conversion: defaulting and TypeMeta differ
	conv, err := RESTClientFor(jsonOnly)
	if err != nil {
		t.Fatal(err)
	}
	if conv.codecs.direct != nil {
		t.Errorf("direct decoding enabled for a converting codec factory")
	}
}

// The watch decoder's direct protobuf path gives the serializer's events, and keeps nothing of the
// frame buffer that the next event overwrites: all events are compared after the whole stream.
func TestWatchDecoderDirectProtobufMatchesSerializer(t *testing.T) {
	events := []watch.Event{
		{Type: watch.Added, Object: realisticConfigMap()},
		{Type: watch.Added, Object: configMapNamed("b", "2")},
		{Type: watch.Modified, Object: &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}, Data: map[string][]byte{"k": {0, 1}}}},
		{Type: watch.Modified, Object: samplePod()},
		{Type: watch.Deleted, Object: configMapNamed("b", "3")},
		{Type: watch.Bookmark, Object: &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{ResourceVersion: "9",
			Annotations: map[string]string{metav1.InitialEventsAnnotationKey: "true"}}}},
		{Type: watch.Error, Object: goneStatus()},
	}
	stream := watchStream(t, ContentTypeProtobuf, events...)
	c := testClient(t, "http://unused", ContentTypeProtobuf, nil)
	objects, _ := c.codecs.decoderFor(ContentTypeProtobuf)
	plain, _ := NewWatchDecoder(bytes.NewReader(stream), ContentTypeProtobuf, objects)
	plain.proto = nil
	direct, _ := NewWatchDecoder(bytes.NewReader(stream), ContentTypeProtobuf, objects)
	if direct.proto == nil {
		t.Fatal("direct protobuf decoding not enabled for a WithoutConversion codec factory")
	}
	var got, want []watch.Event
	for i := range events {
		w, wantErr := plain.Decode()
		g, gotErr := direct.Decode()
		if wantErr != nil || gotErr != nil {
			t.Fatalf("event %d: direct %v, serializer %v", i, gotErr, wantErr)
		}
		got, want = append(got, g), append(want, w)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("direct decoding differs from the serializer:\n%#v\n%#v", got, want)
	}
	for _, kind := range []string{"ConfigMap", "Secret", "Pod"} {
		if !direct.proto.KnowsKind("v1", kind) {
			t.Errorf("the decoder did not decode %ss directly", kind)
		}
	}
}

// Frames the direct path does not expect, and kinds the serializer does not know, go to the
// serializer, which gives the same events and errors as without the direct path.
func TestWatchDecoderDirectProtobufFallsBack(t *testing.T) {
	cm := watchStream(t, ContentTypeProtobuf, watch.Event{Type: watch.Added, Object: sampleConfigMap()})
	frame := cm[4:]
	unknownKind := encodeAs(t, ContentTypeProtobuf, sampleConfigMap())
	unknownKind = bytes.Replace(unknownKind, []byte("ConfigMap"), []byte("ConfigMop"), 1)
	tests := []struct {
		name  string
		frame []byte
	}{
		{"unknown field", append(bytes.Clone(frame), 0x1a, 0x01, 'x')},
		{"repeated type", append(bytes.Clone(frame), 0x0a, 0x08, 'M', 'O', 'D', 'I', 'F', 'I', 'E', 'D')},
		{"varint field", append(bytes.Clone(frame), 0x18, 0x01)},
		{"truncated", frame[:len(frame)-3]},
		{"unknown kind", protowire(protowire(nil, 1, []byte("ADDED")), 2, protowire(nil, 1, unknownKind))},
		{"garbage object", protowire(protowire(nil, 1, []byte("ADDED")), 2, protowire(nil, 1, append(bytes.Clone(protobufMagic), 0xff)))},
		{"no object", protowire(nil, 1, []byte("ADDED"))},
	}
	c := testClient(t, "http://unused", ContentTypeProtobuf, nil)
	objects, _ := c.codecs.decoderFor(ContentTypeProtobuf)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stream := binary.BigEndian.AppendUint32(nil, uint32(len(tt.frame)))
			stream = append(stream, tt.frame...)
			plain, _ := NewWatchDecoder(bytes.NewReader(stream), ContentTypeProtobuf, objects)
			plain.proto = nil
			direct, _ := NewWatchDecoder(bytes.NewReader(stream), ContentTypeProtobuf, objects)
			want, wantErr := plain.Decode()
			got, gotErr := direct.Decode()
			if errorText(gotErr) != errorText(wantErr) || !reflect.DeepEqual(got, want) {
				t.Errorf("direct %#v (%v), serializer %#v (%v)", got, gotErr, want, wantErr)
			}
		})
	}
}

// protowire appends field num of wire type bytes holding val to b.
func protowire(b []byte, num uint64, val []byte) []byte {
	b = binary.AppendUvarint(b, num<<3|2)
	b = binary.AppendUvarint(b, uint64(len(val)))
	return append(b, val...)
}
