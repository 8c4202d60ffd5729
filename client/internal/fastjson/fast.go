package fastjson

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// fastDecoder decodes one JSON document into a zero-valued object following a decodePlan, checking
// the syntax as it goes (one pass instead of encoding/json's validation pass plus decoding pass).
//
// It stops at the first thing it does not handle exactly as sigs.k8s.io/json would, or that would
// be an error there (syntax errors, type mismatches, a member repeated in a struct, a failing
// UnmarshalJSON, nesting deeper than encoding/json allows): the object is then in an unspecified
// state and the caller decodes again with sigs.k8s.io/json, which gives the authoritative outcome.
type fastDecoder struct {
	data  []byte
	pos   int
	depth int
}

// errFastDecode stops fastDecoder; it never reaches users.
var errFastDecode = errors.New("fastjson: fast decoding stopped")

// maxJSONDepth is encoding/json's nesting limit.
const maxJSONDepth = 10000

// fastDecode decodes data into the zero value v of plan's type.
func fastDecode(data []byte, p *decodePlan, v reflect.Value) (err error) {
	defer func() {
		if recover() != nil {
			err = errFastDecode
		}
	}()
	d := fastDecoder{data: data}
	if err := d.value(p, v); err != nil {
		return err
	}
	d.skipSpace()
	if d.pos != len(d.data) {
		return errFastDecode
	}
	return nil
}

func (d *fastDecoder) skipSpace() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, 0 at the end.
func (d *fastDecoder) peek() byte {
	d.skipSpace()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

func (d *fastDecoder) value(p *decodePlan, v reflect.Value) error {
	c := d.peek()
	switch p.kind {
	case planUnmarshaler:
		return d.unmarshaler(v)
	case planTime:
		return d.metaTime(v, c)
	}
	if c == 'n' {
		return d.null(p, v)
	}
	switch p.kind {
	case planStruct:
		return d.object(p, v, c)
	case planMap:
		return d.mapObject(p, v, c)
	case planSlice:
		return d.slice(p, v, c)
	case planPointer:
		if v.IsNil() {
			v.Set(reflect.New(p.typ.Elem()))
		}
		return d.value(p.elem, v.Elem())
	case planString:
		s, err := d.str(c)
		v.SetString(string(s))
		return err
	case planBool:
		b, err := d.boolean(c)
		v.SetBool(b)
		return err
	case planAny:
		x, err := d.anyValue()
		if err == nil {
			v.Set(reflect.ValueOf(x))
		}
		return err
	}
	return d.number(p, v)
}

// unmarshaler hands the next value, whatever it is (null included), to v's UnmarshalJSON.
func (d *fastDecoder) unmarshaler(v reflect.Value) error {
	start := d.pos
	if err := d.skip(); err != nil {
		return err
	}
	if err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(d.data[start:d.pos]); err != nil {
		return errFastDecode
	}
	return nil
}

// metaTime does what metav1.Time's UnmarshalJSON does with a string that needs no unescaping (parse
// it as RFC 3339, keep it in local time), without its call of encoding/json; other values go to
// UnmarshalJSON itself.
func (d *fastDecoder) metaTime(v reflect.Value, c byte) error {
	if c != '"' {
		return d.unmarshaler(v)
	}
	end, rewrite, ok := stringEnd(d.data, d.pos)
	if !ok || rewrite {
		return d.unmarshaler(v)
	}
	parsed, err := time.Parse(time.RFC3339, string(d.data[d.pos+1:end-1]))
	if err != nil {
		return errFastDecode
	}
	d.pos = end
	v.Addr().Interface().(*metav1.Time).Time = parsed.Local()
	return nil
}

// null reads a null: it clears pointers, maps, slices and interfaces and leaves other values alone.
func (d *fastDecoder) null(p *decodePlan, v reflect.Value) error {
	if !d.literal("null") {
		return errFastDecode
	}
	switch p.kind {
	case planPointer, planMap, planSlice, planAny:
		v.SetZero()
	}
	return nil
}

func (d *fastDecoder) literal(word string) bool {
	if !strings.HasPrefix(string(d.data[d.pos:]), word) {
		return false
	}
	d.pos += len(word)
	return true
}

func (d *fastDecoder) boolean(c byte) (bool, error) {
	switch {
	case c == 't' && d.literal("true"):
		return true, nil
	case c == 'f' && d.literal("false"):
		return false, nil
	}
	return false, errFastDecode
}

// object decodes a JSON object into struct v; a member named twice stops the decoder.
func (d *fastDecoder) object(p *decodePlan, v reflect.Value, c byte) error {
	if c != '{' {
		return errFastDecode
	}
	if err := d.enter(); err != nil {
		return err
	}
	var seen uint64
	err := d.members(func(key []byte) error {
		i := p.field(key)
		if i < 0 {
			return d.skip()
		}
		if seen&(1<<i) != 0 {
			return errFastDecode
		}
		seen |= 1 << i
		f := &p.fields[i]
		return d.value(f.plan, fieldOf(v, f.index))
	})
	d.depth--
	return err
}

func fieldOf(v reflect.Value, index []int) reflect.Value {
	for _, i := range index {
		v = v.Field(i)
	}
	return v
}

func (d *fastDecoder) enter() error {
	d.depth++
	if d.depth > maxJSONDepth {
		return errFastDecode
	}
	return nil
}

// members reads the members of the object at d.pos, calling member with each key (valid only during
// the call) when d.pos is at the value.
func (d *fastDecoder) members(member func(key []byte) error) error {
	d.pos++ // '{'
	if d.peek() == '}' {
		d.pos++
		return nil
	}
	for {
		key, err := d.str(d.peek())
		if err != nil {
			return err
		}
		if d.peek() != ':' {
			return errFastDecode
		}
		d.pos++
		if err := member(key); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case '}':
			d.pos++
			return nil
		default:
			return errFastDecode
		}
	}
}

// elements reads the elements of the array at d.pos, calling element when d.pos is at each.
func (d *fastDecoder) elements(element func() error) error {
	if err := d.enter(); err != nil {
		return err
	}
	defer func() { d.depth-- }()
	d.pos++ // '['
	if d.peek() == ']' {
		d.pos++
		return nil
	}
	for {
		if err := element(); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return nil
		default:
			return errFastDecode
		}
	}
}

// str reads a string and returns its decoded bytes, which may alias the input.
func (d *fastDecoder) str(c byte) ([]byte, error) {
	if c != '"' {
		return nil, errFastDecode
	}
	end, rewrite, ok := stringEnd(d.data, d.pos)
	if !ok {
		return nil, errFastDecode
	}
	s := unquote(d.data[d.pos+1:end-1], rewrite)
	d.pos = end
	return s, nil
}

// numberToken reads a number as JSON writes it.
func (d *fastDecoder) numberToken() ([]byte, error) {
	start := d.pos
	b := d.data
	i := start
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = digits(b, i)
	default:
		return nil, errFastDecode
	}
	if i < len(b) && b[i] == '.' {
		if i = digits(b, i+1); b[i-1] == '.' {
			return nil, errFastDecode
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if j := digits(b, i); j > i {
			i = j
		} else {
			return nil, errFastDecode
		}
	}
	d.pos = i
	return b[start:i], nil
}

func digits(b []byte, i int) int {
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i
}

// number decodes a number into an integer or floating-point v, with encoding/json's range checks.
func (d *fastDecoder) number(p *decodePlan, v reflect.Value) error {
	tok, err := d.numberToken()
	if err != nil {
		return err
	}
	switch p.kind {
	case planInt:
		n, err := strconv.ParseInt(string(tok), 10, 64)
		if err != nil || v.OverflowInt(n) {
			return errFastDecode
		}
		v.SetInt(n)
	case planUint:
		n, err := strconv.ParseUint(string(tok), 10, 64)
		if err != nil || v.OverflowUint(n) {
			return errFastDecode
		}
		v.SetUint(n)
	case planFloat:
		n, err := strconv.ParseFloat(string(tok), p.typ.Bits())
		if err != nil || v.OverflowFloat(n) {
			return errFastDecode
		}
		v.SetFloat(n)
	default:
		return errFastDecode
	}
	return nil
}

// mapObject decodes a JSON object into a map with string keys, creating the map if it is nil.
func (d *fastDecoder) mapObject(p *decodePlan, v reflect.Value, c byte) error {
	if c != '{' {
		return errFastDecode
	}
	if err := d.enter(); err != nil {
		return err
	}
	defer func() { d.depth-- }()
	if v.IsNil() {
		v.Set(reflect.MakeMap(p.typ))
	}
	if p.typ == stringMapType {
		m := v.Interface().(map[string]string)
		return d.members(func(key []byte) error {
			s, err := d.str(d.peek())
			m[string(key)] = string(s)
			return err
		})
	}
	elem := reflect.New(p.typ.Elem()).Elem()
	k := reflect.New(p.typ.Key()).Elem()
	return d.members(func(key []byte) error {
		elem.SetZero()
		if err := d.value(p.elem, elem); err != nil {
			return err
		}
		k.SetString(string(key))
		v.SetMapIndex(k, elem)
		return nil
	})
}

// slice decodes a JSON array into a slice (an empty array gives an empty, non-nil slice), or a
// base64 string into a byte slice.
func (d *fastDecoder) slice(p *decodePlan, v reflect.Value, c byte) error {
	switch {
	case c == '"' && p.byteSlice:
		return d.base64(v)
	case c != '[':
		return errFastDecode
	case p.typ == stringSliceType:
		return d.strings(v)
	}
	n := 0
	err := d.elements(func() error {
		if n >= v.Cap() {
			v.Grow(1)
		}
		v.SetLen(n + 1)
		n++
		return d.value(p.elem, v.Index(n-1))
	})
	if err == nil && n == 0 {
		v.Set(reflect.MakeSlice(p.typ, 0, 0))
	}
	return err
}

func (d *fastDecoder) strings(v reflect.Value) error {
	list := []string{}
	err := d.elements(func() error {
		s, err := d.str(d.peek())
		list = append(list, string(s))
		return err
	})
	v.Set(reflect.ValueOf(list))
	return err
}

func (d *fastDecoder) base64(v reflect.Value) error {
	s, err := d.str('"')
	if err != nil {
		return err
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Decode(b, s)
	if err != nil {
		return errFastDecode
	}
	v.SetBytes(b[:n])
	return nil
}
