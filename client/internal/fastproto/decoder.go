package fastproto

import (
	"encoding/binary"
	"reflect"
	"strings"

	"github.com/kubegen/kubegen/client/internal/cowmap"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	"k8s.io/apimachinery/pkg/watch"
)

// Magic starts every Kubernetes protobuf message (the runtime.Unknown envelope).
const Magic = "k8s\x00"

// Decoder is direct protobuf decoding: a typed GET decodes the response envelope (runtime.Unknown) without
// copying the object's bytes and unmarshals them straight into the caller's object.
//
// It is used only when the client's protobuf decoder is apimachinery's protobuf serializer wrapped by
// runtime.WithoutVersionDecoder (what CodecFactory.WithoutConversion gives), and only for an object
// type and envelope apiVersion/kind that the regular decoder has already decoded into that very type
// once. For those the regular path would do exactly this: reset the object, unmarshal the envelope's
// bytes into it and leave its TypeMeta empty.
type Decoder struct {
	learned cowmap.Map // reflect.Type → learnedType
	types   cowmap.Map // envelopeKind → reflect.Type of the struct the serializer creates for it
}

type envelopeKind struct{ apiVersion, kind string }

// learnedType is what Learn recorded of a type: the envelope kind it decodes, and for a list type
// the index of its Items field (protobuf field 2, repeated), -1 for others.
type learnedType struct {
	kind  envelopeKind
	items int
}

// protoUnmarshaler is implemented by every generated Kubernetes API type.
type protoUnmarshaler interface {
	Reset()
	Unmarshal(data []byte) error
}

// New returns a Decoder when dec is the decoder it mirrors, nil otherwise.
func New(dec runtime.Decoder) *Decoder {
	wv, ok := dec.(runtime.WithoutVersionDecoder)
	if !ok {
		return nil
	}
	if _, ok := wv.Decoder.(*protobuf.Serializer); !ok {
		return nil
	}
	return &Decoder{}
}

// Decode decodes body into obj if this type and envelope kind were learned. It reports whether it
// handled the body; if not, the caller uses the regular decoder.
func (p *Decoder) Decode(body []byte, obj runtime.Object) (bool, error) {
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
	lt := v.(learnedType)
	if string(apiVersion) != lt.kind.apiVersion || string(kind) != lt.kind.kind {
		return false, nil
	}
	u.Reset()
	if lt.items >= 0 {
		presizeItems(obj, lt.items, raw)
	}
	if err := u.Unmarshal(raw); err != nil {
		return true, err
	}
	obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	return true, nil
}

// Learn records that the regular decoder decoded body into obj itself.
func (p *Decoder) Learn(body []byte, obj runtime.Object) {
	if _, ok := obj.(protoUnmarshaler); !ok {
		return
	}
	t := reflect.TypeOf(obj)
	if _, known := p.learned.Load(t); known {
		return
	}
	if apiVersion, kind, _, ok := parseEnvelope(body); ok {
		p.learned.LoadOrStore(t, learnedType{envelopeKind{string(apiVersion), string(kind)}, itemsField(t)})
	}
}

// itemsField returns the index of the Items field of a list type t (a pointer to a struct whose
// Items is a slice of structs, protobuf field 2), or -1.
func itemsField(t reflect.Type) int {
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return -1
	}
	f, ok := t.Elem().FieldByName("Items")
	if !ok || len(f.Index) != 1 || f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Struct ||
		!strings.HasPrefix(f.Tag.Get("protobuf"), "bytes,2,rep,") {
		return -1
	}
	return f.Index[0]
}

// presizeItems gives the reset list obj an empty Items of the capacity for the items in raw, the
// list's message, which the generated Unmarshal then appends to without growing it: growing it item
// by item left arrays of a few times the final one's size as garbage, for every page an informer
// lists. Only the capacity differs from what the serializer gives. A message it does not follow
// (a field of another wire type) is left to Unmarshal alone.
func presizeItems(obj runtime.Object, field int, raw []byte) {
	n := 0
	for b := raw; len(b) > 0; {
		num, _, rest, ok := nextBytesField(b)
		if !ok {
			return
		}
		if num == 2 {
			n++
		}
		b = rest
	}
	if n == 0 {
		return
	}
	items := reflect.ValueOf(obj).Elem().Field(field)
	items.Set(reflect.MakeSlice(items.Type(), 0, n))
}

// parseEnvelope reads the runtime.Unknown envelope of a Kubernetes protobuf message: magic bytes,
// then typeMeta (1), raw (2), contentEncoding (3) and contentType (4). Envelopes with a content
// encoding or content type, or anything unexpected, are refused.
func parseEnvelope(body []byte) (apiVersion, kind, raw []byte, ok bool) {
	if len(body) < len(Magic) || string(body[:len(Magic)]) != Magic { // a comparison: no copy of body
		return nil, nil, nil, false
	}
	b := body[len(Magic):]
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

// Watch events: an event's object is decoded straight into a new object of the type the serializer
// creates for the envelope's apiVersion and kind, found once per kind by decoding an envelope that
// holds nothing but them. For those the serializer would do exactly this: unmarshal the envelope's
// bytes into a new object of that type and leave its TypeMeta empty. The bytes are not copied first:
// like every protobuf Unmarshal, the generated one copies what it keeps (strings, bytes fields) and
// never refers to its input afterwards.

// DecodeNew decodes the object of a watch event, body, into a new object. It reports false when the serializer must decide (an
// envelope it does not expect, a kind it does not know), and true with the serializer's error when
// the object's bytes do not unmarshal.
func (p *Decoder) DecodeNew(dec runtime.Decoder, body []byte, last *LearnedKind) (runtime.Object, bool, error) {
	apiVersion, kind, raw, ok := parseEnvelope(body)
	if !ok {
		return nil, false, nil
	}
	if string(apiVersion) != last.apiVersion || string(kind) != last.kind || last.t == nil {
		t, ok := p.typeFor(dec, envelopeKind{string(apiVersion), string(kind)})
		if !ok {
			return nil, false, nil
		}
		*last = LearnedKind{envelopeKind{string(apiVersion), string(kind)}, t}
	}
	obj := reflect.New(last.t).Interface()
	if err := obj.(protoUnmarshaler).Unmarshal(raw); err != nil {
		return nil, true, err
	}
	return obj.(runtime.Object), true, nil
}

// KnowsKind reports whether DecodeNew has found the type the serializer creates for apiVersion and
// kind (for tests: proof that the fast path ran).
func (p *Decoder) KnowsKind(apiVersion, kind string) bool {
	_, ok := p.types.Load(envelopeKind{apiVersion, kind})
	return ok
}

// LearnedKind caches the last kind a watch decoded directly, so that a stream of one kind looks up
// nothing. Its zero value is ready to use; each watch keeps its own.
type LearnedKind struct {
	envelopeKind
	t reflect.Type // the struct type
}

// typeFor returns the struct type dec creates for envelope kind k, when it is a protobuf type
// whose TypeMeta dec leaves empty.
func (p *Decoder) typeFor(dec runtime.Decoder, k envelopeKind) (reflect.Type, bool) {
	if t, ok := p.types.Load(k); ok {
		return t.(reflect.Type), true
	}
	obj, _, err := dec.Decode(k.protoProbe(), nil, nil)
	if err != nil {
		return nil, false // not remembered: a server could name endless kinds
	}
	t := reflect.TypeOf(obj)
	if _, ok := obj.(protoUnmarshaler); !ok || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct ||
		!obj.GetObjectKind().GroupVersionKind().Empty() {
		return nil, false
	}
	p.types.Store(k, t.Elem())
	return t.Elem(), true
}

// protoProbe is a protobuf envelope holding only apiVersion and kind k.
func (k envelopeKind) protoProbe() []byte {
	tm := protowire(nil, 1, []byte(k.apiVersion))
	tm = protowire(tm, 2, []byte(k.kind))
	return protowire(append([]byte(nil), Magic...), 1, tm)
}

// protowire appends field num of wire type bytes holding val to b.
func protowire(b []byte, num uint64, val []byte) []byte {
	b = binary.AppendUvarint(b, num<<3|2)
	b = binary.AppendUvarint(b, uint64(len(val)))
	return append(b, val...)
}

// ParseWatchEvent reads a protobuf metav1.WatchEvent, type (1) and object (2, a RawExtension whose
// raw is 1), without copying the object. It refuses anything else, even what the generated
// Unmarshal would accept (a repeated or unknown field), which then decides.
func ParseWatchEvent(frame []byte) (typ watch.EventType, raw []byte, ok bool) {
	var sawType, sawObject bool
	for len(frame) > 0 {
		num, val, rest, ok := nextBytesField(frame)
		if !ok {
			return "", nil, false
		}
		switch {
		case num == 1 && !sawType:
			typ, sawType = eventType(val), true
		case num == 2 && !sawObject:
			sawObject = true
			if len(val) > 0 {
				n, v, after, ok := nextBytesField(val)
				if !ok || n != 1 || len(after) > 0 {
					return "", nil, false
				}
				raw = v
			}
		default:
			return "", nil, false
		}
		frame = rest
	}
	return typ, raw, sawType
}

// eventType returns the event type named b, without allocating for the usual ones.
func eventType(b []byte) watch.EventType {
	for _, t := range []watch.EventType{watch.Added, watch.Modified, watch.Deleted, watch.Bookmark, watch.Error} {
		if string(b) == string(t) {
			return t
		}
	}
	return watch.EventType(b)
}
