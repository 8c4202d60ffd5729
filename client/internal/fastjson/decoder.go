package fastjson

import (
	"bytes"
	"reflect"

	"github.com/kubegen/kubegen/client/internal/cowmap"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	kjson "sigs.k8s.io/json"
)

// Decoder is direct JSON decoding: one pass straight into the typed object, instead of the serializer's
// encoding/json pass to find apiVersion and kind followed by sigs.k8s.io/json's validation and
// decoding passes.
//
// It is used only when the client's JSON decoder is apimachinery's non-strict JSON (not YAML)
// serializer wrapped by runtime.WithoutVersionDecoder, as CodecFactory.WithoutConversion gives, with
// the default meta factory. Given a document's apiVersion and kind (and the target's type, if any),
// that serializer's path is fully determined: which object it decodes into (a new one of the type
// the scheme names, or the caller's), one call of sigs.k8s.io/json's
// UnmarshalCaseSensitivePreserveInts, then TypeMeta cleared. scanTypeMeta stands in for the
// serializer's first pass; the choice of object is learned by letting the serializer decode a
// document holding only that apiVersion and kind (a probe), once per kind. The decoding itself is
// fastDecoder's, which gives what sigs.k8s.io/json gives, or sigs.k8s.io/json's for types fastDecoder
// has no plan for. Anything not proven the same (odd keys, unknown kinds, errors) goes to the
// serializer.
type Decoder struct {
	dec   runtime.Decoder
	types cowmap.Map // envelopeKind → reflect.Type of the struct the serializer creates for it
	into  cowmap.Map // intoKind → struct{}: the serializer decodes this kind into this type itself
}

type intoKind struct {
	typ  reflect.Type
	kind envelopeKind
}

// New returns a Decoder when dec is the decoder it mirrors, nil otherwise.
func New(dec runtime.Decoder) *Decoder {
	wv, ok := dec.(runtime.WithoutVersionDecoder)
	if !ok {
		return nil
	}
	s, ok := wv.Decoder.(*json.Serializer)
	if !ok || s.IsStrict() {
		return nil
	}
	if isJSON, _, err := s.RecognizesData([]byte("{}")); !isJSON || err != nil {
		return nil // the YAML flavour of the serializer
	}
	return &Decoder{dec: dec}
}

// DecodeNew decodes data into a new object of the type the serializer creates for its apiVersion and
// kind. It reports false when it cannot: the caller then uses the serializer,
// which also gives the authoritative error for a document that does not decode. shared says that
// data lies in a buffer that is reused afterwards.
func (j *Decoder) DecodeNew(data []byte, shared bool) (runtime.Object, bool) {
	tm, ok := scanTypeMeta(data)
	if !ok {
		return nil, false
	}
	t, ok := j.typeFor(tm)
	if !ok {
		return nil, false
	}
	v := reflect.New(t)
	obj, ok := v.Interface().(runtime.Object)
	if !ok {
		return nil, false
	}
	plan, foreign := planFor(v.Type().Elem())
	if shared && (foreign || plan == nil) {
		data = bytes.Clone(data) // an UnmarshalJSON might keep a reference to it
	}
	var err error
	if plan != nil {
		err = fastDecode(data, plan, v.Elem())
	} else {
		err = kjson.UnmarshalCaseSensitivePreserveInts(data, obj)
	}
	if err != nil || !tm.matches(obj) {
		return nil, false
	}
	obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	return obj, true
}

// typeFor returns the struct type the serializer creates for apiVersion and kind tm.
func (j *Decoder) typeFor(tm envelopeKind) (reflect.Type, bool) {
	if t, ok := j.types.Load(tm); ok {
		return t.(reflect.Type), true
	}
	out, _, err := j.dec.Decode(tm.probe(), nil, nil)
	if err != nil {
		return nil, false
	}
	t := reflect.TypeOf(out)
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	j.types.Store(tm, t.Elem())
	return t.Elem(), true
}

// decodesInto reports whether the serializer decodes a document of apiVersion and kind tm into an
// object of type t itself (rather than into a new object of another type, or not at all).
func (j *Decoder) decodesInto(t reflect.Type, tm envelopeKind) bool {
	key := intoKind{t, tm}
	if _, ok := j.into.Load(key); ok {
		return true
	}
	if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return false
	}
	probe, ok := reflect.New(t.Elem()).Interface().(runtime.Object)
	if !ok {
		return false
	}
	if out, _, err := j.dec.Decode(tm.probe(), nil, probe); err != nil || out != probe {
		return false // not remembered: a server could name endless kinds
	}
	j.into.Store(key, struct{}{})
	return true
}

// probe is a document holding only apiVersion and kind tm, which scanTypeMeta found free of quotes,
// escapes and control characters.
func (k envelopeKind) probe() []byte {
	return []byte(`{"apiVersion":"` + k.apiVersion + `","kind":"` + k.kind + `"}`)
}

// DecodeInto decodes data into obj when the serializer decodes data's apiVersion and kind into
// obj's type itself. It reports whether it handled data. Like the serializer it decodes
// into obj as it is, without resetting it, and leaves obj as the decoder left it on error. A syntax
// error is handed back to the serializer (obj is untouched then) so that the error is the
// serializer's own.
func (j *Decoder) DecodeInto(data []byte, obj runtime.Object) (bool, error) {
	if obj == nil {
		return false, nil
	}
	tm, ok := scanTypeMeta(data)
	if !ok {
		return false, nil
	}
	if !j.decodesInto(reflect.TypeOf(obj), tm) {
		return false, nil
	}
	switch fastInto(data, obj, tm) {
	case fastDone:
		obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
		return true, nil
	case fastMismatch:
		return false, nil
	}
	if err := kjson.UnmarshalCaseSensitivePreserveInts(data, obj); err != nil {
		if syntax, _ := kjson.SyntaxErrorOffset(err); syntax {
			return false, nil
		}
		return true, err
	}
	obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	return true, nil
}

type fastOutcome int

const (
	fastSkipped  fastOutcome = iota // not tried or failed: obj is as it was
	fastDone                        // obj holds data
	fastMismatch                    // decoded, but not of kind tm after all: obj is as it was
)

// fastInto decodes data, of apiVersion and kind tm, into obj with fastDecoder if obj is a pointer to
// a zero struct that has a plan. Unless it succeeds obj is zero again.
func fastInto(data []byte, obj runtime.Object, tm envelopeKind) fastOutcome {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fastSkipped
	}
	v = v.Elem()
	plan, _ := planFor(v.Type())
	if plan == nil || !v.IsZero() {
		return fastSkipped
	}
	if err := fastDecode(data, plan, v); err != nil {
		v.SetZero()
		return fastSkipped
	}
	if !tm.matches(obj) {
		v.SetZero()
		return fastMismatch
	}
	return fastDone
}

// matches reports whether obj, just decoded, carries apiVersion and kind k.
func (k envelopeKind) matches(obj runtime.Object) bool {
	return obj.GetObjectKind().GroupVersionKind() == schema.FromAPIVersionAndKind(k.apiVersion, k.kind)
}
