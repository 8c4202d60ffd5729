package rest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/internal/fastjson"
)

// FuzzWatchDecoder feeds arbitrary bytes to the watch decoder as a JSON or protobuf stream. It must
// return events or an error, never panic, and never return an event without an object.
func FuzzWatchDecoder(f *testing.F) {
	cm := configMapNamed("a", "1")
	for _, mt := range []string{ContentTypeJSON, ContentTypeProtobuf} {
		f.Add(watchStream(f, mt,
			watch.Event{Type: watch.Added, Object: cm},
			watch.Event{Type: watch.Error, Object: goneStatus()}), mt == ContentTypeProtobuf)
	}
	f.Add([]byte(`{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"}}}`), false)
	f.Add([]byte{0, 0, 0, 2, 0x0a, 0x00}, true)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff}, true)                    // oversized frame
	f.Add([]byte(`{"type":"ADDED","object":{"kind":"Conf`), false) // truncated
	f.Add([]byte(`{"type":"ERROR","object":"not a status"}`), false)
	f.Add([]byte(`{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","data":{"a":1}}}`), false)
	f.Add([]byte(`{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","Kind":"Secret"}}`), false)
	for _, mt := range []string{ContentTypeJSON, ContentTypeProtobuf} {
		f.Add(watchStream(f, mt, watch.Event{Type: watch.Added, Object: realisticConfigMap()},
			watch.Event{Type: watch.Modified, Object: &corev1.Secret{}}), mt == ContentTypeProtobuf)
	}
	c := testClient(f, "http://unused", "", nil)
	if _, err := (Result{body: encodeAs(f, ContentTypeJSON, cm), contentType: ContentTypeJSON, codecs: c.codecs}).Get(); err != nil {
		f.Fatal(err)
	}
	decoders := map[bool]string{false: ContentTypeJSON, true: ContentTypeProtobuf}
	f.Fuzz(func(t *testing.T, stream []byte, protobuf bool) {
		objects, err := c.codecs.decoderFor(decoders[protobuf])
		if err != nil {
			t.Fatal(err)
		}
		dec, err := NewWatchDecoder(bytes.NewReader(stream), decoders[protobuf], objects)
		if err != nil {
			t.Fatal(err)
		}
		dec.MaxFrame = 64 << 10
		if dec.direct != nil {
			dec.direct = c.codecs.jsonDirect // learned from the Get above
		}
		plain, _ := NewWatchDecoder(bytes.NewReader(stream), decoders[protobuf], objects)
		plain.MaxFrame, plain.direct, plain.proto = dec.MaxFrame, nil, nil
		for range len(stream) + 1 { // every event consumes at least one byte
			ev, err := dec.Decode()
			want, wantErr := plain.Decode()
			if errorText(err) != errorText(wantErr) || !reflect.DeepEqual(ev, want) {
				t.Fatalf("direct decoding gives %#v (%v), the serializer %#v (%v)", ev, err, want, wantErr)
			}
			if err != nil {
				if ev.Object != nil {
					t.Fatalf("Decode returned an event together with error %v", err)
				}
				return
			}
			if ev.Object == nil {
				t.Fatalf("event %s without an object", ev.Type)
			}
			if _, isStatus := ev.Object.(*metav1.Status); ev.Type == watch.Error && !isStatus {
				t.Fatalf("ERROR event carries %T, want *metav1.Status", ev.Object)
			}
		}
		t.Fatalf("decoder returned more events than the stream has bytes")
	})
}

// FuzzStatusDecoder feeds arbitrary error bodies to the Status decoder and the error builder. Every
// non-2xx answer must become a StatusError with the answer's code, without panicking.
func FuzzStatusDecoder(f *testing.F) {
	f.Add(ContentTypeJSON, encodeAs(f, ContentTypeJSON, goneStatus()), 410)
	f.Add(ContentTypeProtobuf, encodeAs(f, ContentTypeProtobuf, goneStatus()), 410)
	f.Add("text/html", []byte("<html><h1>502 Bad Gateway</h1></html>"), 502)
	f.Add("", []byte{}, 403)
	f.Add(ContentTypeJSON, []byte(`{"kind":"Status","code":"x"}`), 500)
	f.Add(ContentTypeProtobuf, []byte("k8s\x00\x0a\x02\x12\x00"), 500)
	c := testClient(f, "http://unused", "", nil)
	f.Fuzz(func(t *testing.T, contentType string, body []byte, code int) {
		if st, ok := DecodeStatus(contentType, body); ok && (st == nil || st.Kind != "Status") {
			t.Fatalf("DecodeStatus accepted a non-Status: %#v", st)
		}
		code = 400 + (code&0x7fffffff)%200 // a non-2xx code
		err := c.Get().Resource("pods").Name("p").statusError(code, contentType, body, -1)
		if err == nil || err.ErrStatus.Status != metav1.StatusFailure || err.ErrStatus.Code == 0 {
			t.Fatalf("statusError(%d) = %#v", code, err)
		}
		if len(err.Error()) > 8*maxErrorMessage && len(body) > 0 {
			if _, fromServer := DecodeStatus(contentType, body); !fromServer {
				t.Fatalf("synthesized message is %d bytes long", len(err.Error()))
			}
		}
	})
}

// FuzzResultDecode decodes arbitrary 200 bodies as a ConfigMap, and as whatever they name, with and
// without the direct (serializer-free) paths. Decoding must never panic, and the direct paths must
// give the same objects and errors as the serializer.
func FuzzResultDecode(f *testing.F) {
	f.Add(ContentTypeProtobuf, encodeAs(f, ContentTypeProtobuf, sampleConfigMap()))
	f.Add(ContentTypeJSON, encodeAs(f, ContentTypeJSON, sampleConfigMap()))
	f.Add(ContentTypeJSON, encodeAs(f, ContentTypeJSON, realisticConfigMap()))
	f.Add(ContentTypeJSON, encodeAs(f, ContentTypeJSON, goneStatus()))
	f.Add(ContentTypeJSON, []byte(`{"kind":"ConfigMap","apiVersion":"v1","data":{"a":1}}`))
	f.Add(ContentTypeJSON, []byte(`{"kind":"ConfigMap","apiVersion":"v1","Kind":"Secret"}`))
	f.Add(ContentTypeProtobuf, []byte("k8s\x00\x0a\x0e\x0a\x02v1\x12\x08ConfigMap\x12\x03\x0a\x01\x00"))
	f.Add("", []byte(`{"kind":"Status","apiVersion":"v1","status":"Failure","code":500}`))
	plain := testClient(f, "http://unused", ContentTypeProtobuf, nil)
	plain.codecs.direct, plain.codecs.jsonDirect = nil, nil
	learned := testClient(f, "http://unused", ContentTypeProtobuf, nil)
	if err := protoResult(learned, encodeAs(f, ContentTypeProtobuf, sampleConfigMap())).Into(&corev1.ConfigMap{}); err != nil {
		f.Fatal(err)
	}
	for _, obj := range []runtime.Object{sampleConfigMap(), goneStatus()} {
		res := Result{body: encodeAs(f, ContentTypeJSON, obj), contentType: ContentTypeJSON, statusCode: 200, codecs: learned.codecs}
		_, _ = res.Get()
		_ = res.Into(reflect.New(reflect.TypeOf(obj).Elem()).Interface().(runtime.Object))
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		res := Result{body: body, contentType: contentType, statusCode: 200, codecs: plain.codecs}
		var want, got corev1.ConfigMap
		wantErr := res.Into(&want)
		wantObj, wantGetErr := res.Get()
		res.codecs = learned.codecs // direct decoding where it applies
		gotErr := res.Into(&got)
		if errorText(wantErr) != errorText(gotErr) || !reflect.DeepEqual(&want, &got) {
			t.Fatalf("direct decoding disagrees with the serializer: %v vs %v\n%#v\n%#v", gotErr, wantErr, got, want)
		}
		gotObj, gotGetErr := res.Get()
		if errorText(wantGetErr) != errorText(gotGetErr) || !reflect.DeepEqual(wantObj, gotObj) {
			t.Fatalf("Get disagrees with the serializer: %v vs %v\n%#v\n%#v", gotGetErr, wantGetErr, gotObj, wantObj)
		}
	})
}

// FuzzJSONWatchEnvelope checks the fast JSON event reader against encoding/json: whenever it accepts
// a frame, encoding/json must read the same type and object from it, or reject it because the object
// itself is not valid JSON (which the object decoder then rejects). The span of the object noted
// while framing must not change the answer.
func FuzzJSONWatchEnvelope(f *testing.F) {
	f.Add([]byte(`{"type":"ADDED","object":{"kind":"ConfigMap","data":{"a":"}{\"x"}}}`))
	f.Add([]byte(` { "object" : {"a":[1,{"b":"]"}]} , "type" : "MODIFIED" } `))
	f.Add([]byte(`{"type":"ADDED","object":{"x":tru}}`))
	f.Add([]byte(`{"TYPE":"ADDED","object":{}}`))
	f.Add([]byte(`{"type":"A\u0044DED","object":{}}`))
	f.Add([]byte(`{"type":"ADDED","object":{"a":"\\"},"x":[{}]}`))
	f.Add([]byte(`{"type":"ADDED","object":{"a":1}, "x":{"b":"\"}"}}`))
	f.Fuzz(func(t *testing.T, frame []byte) {
		typ, object, ok := fastjson.ParseWatchEvent(frame, fastjson.Span{})
		hinted := frameSpan(frame, len(frame))
		for _, size := range []int{1, 2, 3} {
			if got := frameSpan(frame, size); got != hinted {
				t.Fatalf("%q: framing in chunks of %d finds %v, in one chunk %v", frame, size, got, hinted)
			}
		}
		typ2, object2, ok2 := fastjson.ParseWatchEvent(frame, hinted)
		if ok != ok2 || typ != typ2 || !bytes.Equal(object, object2) {
			t.Fatalf("%q: span %v changes the reading: (%q, %q, %v) vs (%q, %q, %v)", frame, hinted, typ, object, ok, typ2, object2, ok2)
		}
		if !ok {
			return
		}
		var we metav1.WatchEvent
		if err := json.Unmarshal(frame, &we); err != nil {
			if json.Valid(object) {
				t.Fatalf("accepted %q, which encoding/json rejects (%v) although the object is valid", frame, err)
			}
			return
		}
		if we.Type != typ || !bytes.Equal(we.Object.Raw, object) {
			t.Fatalf("%q: read (%q, %q), encoding/json reads (%q, %q)", frame, typ, object, we.Type, we.Object.Raw)
		}
	})
}

// frameSpan frames frame as the watch decoder does, feeding it in chunks of size bytes, and returns
// the span of its last container member; zero unless frame is exactly one JSON object.
func frameSpan(frame []byte, size int) fastjson.Span {
	if len(frame) == 0 || frame[0] != '{' {
		return fastjson.Span{}
	}
	s := jsonScanner{depth: 1, n: 1}
	for rest := frame[1:]; len(rest) > 0; {
		chunk := rest[:min(len(rest), size)]
		n, done := s.scan(chunk)
		rest = rest[n:]
		if done {
			if len(rest) > 0 {
				return fastjson.Span{}
			}
			return s.last
		}
	}
	return fastjson.Span{}
}
