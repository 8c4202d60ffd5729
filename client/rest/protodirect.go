package rest

import (
	"encoding/binary"
	"reflect"
	"sync"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
)

// Direct protobuf decoding: a typed GET decodes the response envelope (runtime.Unknown) without
// copying the object's bytes and unmarshals them straight into the caller's object.
//
// It is used only when the client's protobuf decoder is apimachinery's protobuf serializer wrapped by
// runtime.WithoutVersionDecoder (what CodecFactory.WithoutConversion gives), and only for an object
// type and envelope apiVersion/kind that the regular decoder has already decoded into that very type
// once. For those the regular path would do exactly this: reset the object, unmarshal the envelope's
// bytes into it and leave its TypeMeta empty.
type protoDirect struct {
	learned sync.Map // reflect.Type → envelopeKind
}

type envelopeKind struct{ apiVersion, kind string }

// protoUnmarshaler is implemented by every generated Kubernetes API type.
type protoUnmarshaler interface {
	Reset()
	Unmarshal(data []byte) error
}

// newProtoDirect returns a protoDirect when dec is the decoder it mirrors, nil otherwise.
func newProtoDirect(dec runtime.Decoder) *protoDirect {
	wv, ok := dec.(runtime.WithoutVersionDecoder)
	if !ok {
		return nil
	}
	if _, ok := wv.Decoder.(*protobuf.Serializer); !ok {
		return nil
	}
	return &protoDirect{}
}

// decode decodes body into obj if this type and envelope kind were learned. It reports whether it
// handled the body; if not, the caller uses the regular decoder.
func (p *protoDirect) decode(body []byte, obj runtime.Object) (bool, error) {
	u, ok := obj.(protoUnmarshaler)
	if !ok {
		return false, nil
	}
	v, ok := p.learned.Load(reflect.TypeOf(obj))
	if !ok {
		return false, nil
	}
	apiVersion, kind, raw, ok := parseEnvelope(body)
	if !ok {
		return false, nil
	}
	if want := v.(envelopeKind); string(apiVersion) != want.apiVersion || string(kind) != want.kind {
		return false, nil
	}
	u.Reset()
	if err := u.Unmarshal(raw); err != nil {
		return true, err
	}
	obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	return true, nil
}

// learn records that the regular decoder decoded body into obj itself.
func (p *protoDirect) learn(body []byte, obj runtime.Object) {
	if _, ok := obj.(protoUnmarshaler); !ok {
		return
	}
	t := reflect.TypeOf(obj)
	if _, known := p.learned.Load(t); known {
		return
	}
	if apiVersion, kind, _, ok := parseEnvelope(body); ok {
		p.learned.LoadOrStore(t, envelopeKind{string(apiVersion), string(kind)})
	}
}

// parseEnvelope reads the runtime.Unknown envelope of a Kubernetes protobuf message: magic bytes,
// then typeMeta (1), raw (2), contentEncoding (3) and contentType (4). Envelopes with a content
// encoding or content type, or anything unexpected, are refused.
func parseEnvelope(body []byte) (apiVersion, kind, raw []byte, ok bool) {
	if len(body) < len(protobufMagic) || string(body[:len(protobufMagic)]) != string(protobufMagic) {
		return nil, nil, nil, false
	}
	b := body[len(protobufMagic):]
	for len(b) > 0 {
		num, val, rest, ok := nextBytesField(b)
		if !ok {
			return nil, nil, nil, false
		}
		switch num {
		case 1: // a repeated embedded message merges into the earlier one
			if !parseTypeMeta(val, &apiVersion, &kind) {
				return nil, nil, nil, false
			}
		case 2:
			raw = val
		default: // content encoding or type, or an unknown field
			if len(val) > 0 {
				return nil, nil, nil, false
			}
		}
		b = rest
	}
	return apiVersion, kind, raw, len(kind) > 0 && len(apiVersion) > 0
}

// parseTypeMeta sets *apiVersion and *kind from the fields present in b.
func parseTypeMeta(b []byte, apiVersion, kind *[]byte) bool {
	for len(b) > 0 {
		num, val, rest, ok := nextBytesField(b)
		if !ok {
			return false
		}
		switch num {
		case 1:
			*apiVersion = val
		case 2:
			*kind = val
		}
		b = rest
	}
	return true
}

// nextBytesField reads one length-delimited protobuf field; other wire types are refused.
func nextBytesField(b []byte) (num uint64, val, rest []byte, ok bool) {
	key, n := binary.Uvarint(b)
	if n <= 0 || key&7 != 2 {
		return 0, nil, nil, false
	}
	b = b[n:]
	size, n := binary.Uvarint(b)
	if n <= 0 || size > uint64(len(b)-n) {
		return 0, nil, nil, false
	}
	b = b[n:]
	return key >> 3, b[:size], b[size:], true
}
