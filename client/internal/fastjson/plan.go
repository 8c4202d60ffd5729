package fastjson

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"unicode"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// A decodePlan says how fastDecoder fills one Go type, following the rules of sigs.k8s.io/json's
// case-sensitive decoding (those of encoding/json: the same field names, the same UnmarshalJSON
// calls). Types using rules it does not implement (",string" fields, TextUnmarshaler, embedded
// pointers, conflicting field names, non-string map keys, arrays, non-empty interfaces, ...) get no
// plan and are decoded by sigs.k8s.io/json itself.
type decodePlan struct {
	kind      planKind
	typ       reflect.Type
	elem      *decodePlan // slice element, map value, pointer target
	fields    []planField // struct fields, promoted ones included
	byteSlice bool        // a slice of a uint8 kind: a JSON string holds it in base64
	unusable  bool        // the type uses a rule fastDecoder does not implement
	foreign   bool        // an UnmarshalJSON that is not known to copy its input
}

type planKind uint8

const (
	planBool planKind = iota
	planInt
	planUint
	planFloat
	planString
	planSlice
	planMap
	planPointer
	planStruct
	planAny
	planUnmarshaler
	planTime // metav1.Time, whose UnmarshalJSON is mirrored for plain strings
)

type planField struct {
	name  string
	index []int
	plan  *decodePlan
}

// maxPlanFields bounds the fields of a struct so that duplicates can be tracked in a uint64.
const maxPlanFields = 64

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	stringMapType       = reflect.TypeFor[map[string]string]()
	stringSliceType     = reflect.TypeFor[[]string]()
	jsonNumberType      = reflect.TypeFor[json.Number]()
	metaTimeType        = reflect.TypeFor[metav1.Time]()
)

// copyingUnmarshalers are the UnmarshalJSON implementations that keep no reference to their input,
// so that input in a reused buffer needs no copy.
var copyingUnmarshalers = map[reflect.Type]bool{
	reflect.TypeFor[metav1.Time]():          true,
	reflect.TypeFor[metav1.MicroTime]():     true,
	reflect.TypeFor[metav1.Duration]():      true,
	reflect.TypeFor[metav1.FieldsV1]():      true,
	reflect.TypeFor[runtime.RawExtension](): true,
	reflect.TypeFor[resource.Quantity]():    true,
	reflect.TypeFor[intstr.IntOrString]():   true,
}

// typePlan is the cached outcome of planning a root type.
type typePlan struct {
	plan    *decodePlan // nil when the type is unusable
	foreign bool
}

var plans sync.Map // reflect.Type → typePlan

// planFor returns the plan for t and whether some UnmarshalJSON it calls may keep its input; the plan
// is nil when fastDecoder cannot decode t.
func planFor(t reflect.Type) (*decodePlan, bool) {
	if v, ok := plans.Load(t); ok {
		tp := v.(typePlan)
		return tp.plan, tp.foreign
	}
	b := planBuilder{seen: map[reflect.Type]*decodePlan{}}
	p := b.plan(t)
	tp := typePlan{foreign: b.foreign}
	if !b.unusable {
		tp.plan = p
	}
	plans.Store(t, tp)
	return tp.plan, tp.foreign
}

type planBuilder struct {
	seen     map[reflect.Type]*decodePlan
	unusable bool // some reachable type is unusable
	foreign  bool
}

func (b *planBuilder) plan(t reflect.Type) *decodePlan {
	if p, ok := b.seen[t]; ok {
		return p
	}
	p := &decodePlan{typ: t}
	b.seen[t] = p
	b.fill(p)
	if p.unusable {
		b.unusable = true
	}
	if p.foreign {
		b.foreign = true
	}
	return p
}

func (b *planBuilder) fill(p *decodePlan) {
	t := p.typ
	ptr := reflect.PointerTo(t)
	switch {
	case t == metaTimeType:
		p.kind = planTime
		return
	case t.Name() != "" && ptr.Implements(unmarshalerType):
		p.kind, p.foreign = planUnmarshaler, !copyingUnmarshalers[t]
		return
	case ptr.Implements(textUnmarshalerType), t == jsonNumberType:
		p.unusable = true
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		p.kind = planBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.kind = planInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		p.kind = planUint
	case reflect.Float32, reflect.Float64:
		p.kind = planFloat
	case reflect.String:
		p.kind = planString
	case reflect.Interface:
		p.kind, p.unusable = planAny, t.NumMethod() != 0
	case reflect.Slice:
		p.kind, p.elem = planSlice, b.plan(t.Elem())
		p.byteSlice = t.Elem().Kind() == reflect.Uint8
		p.unusable = p.byteSlice && p.elem.kind != planUint
	case reflect.Map:
		p.kind, p.elem = planMap, b.plan(t.Elem())
		k := t.Key()
		p.unusable = k.Kind() != reflect.String || reflect.PointerTo(k).Implements(textUnmarshalerType)
	case reflect.Pointer:
		p.kind, p.elem = planPointer, b.plan(t.Elem())
		// *T may have methods T has not (promoted from fields of an unnamed struct T): encoding/json
		// calls them where this would decode T.
		isJSON, isText := t.Implements(unmarshalerType), t.Implements(textUnmarshalerType)
		methods := isJSON && p.elem.kind != planUnmarshaler && p.elem.kind != planTime || !isJSON && isText
		p.unusable = methods || t.Name() != "" || t.Elem().Kind() == reflect.Pointer
	case reflect.Struct:
		p.kind = planStruct
		p.unusable = !b.structFields(t, nil, p) || len(p.fields) > maxPlanFields || hasDuplicateNames(p.fields)
	default: // arrays, uintptr, complex numbers, channels, functions
		p.unusable = true
	}
}

// structFields adds the JSON fields of struct t (reached through index) to p, promoting those of
// untagged embedded structs as encoding/json does. It reports false for a layout it does not handle.
func (b *planBuilder) structFields(t reflect.Type, index []int, p *decodePlan) bool {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validTagName(name) {
			name = ""
		}
		at := append(index[:len(index):len(index)], i)
		switch {
		case sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct && sf.IsExported():
			if !b.structFields(sf.Type, at, p) {
				return false
			}
			continue
		case sf.Anonymous && (name == "" || !sf.IsExported()):
			if !sf.IsExported() && sf.Type.Kind() != reflect.Struct && sf.Type.Kind() != reflect.Pointer {
				continue // encoding/json ignores these
			}
			return false // embedded pointers, unexported embedded structs, embedded non-structs
		case !sf.IsExported():
			continue
		case hasOption(opts, "string"):
			return false
		}
		if name == "" {
			name = sf.Name
		}
		p.fields = append(p.fields, planField{name: name, index: at, plan: b.plan(sf.Type)})
	}
	return true
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

// validTagName reports whether encoding/json accepts name from a struct tag as a key.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// hasDuplicateNames reports names used by two fields; encoding/json's rules for choosing between
// them are not implemented.
func hasDuplicateNames(fields []planField) bool {
	for i := range fields {
		for j := range i {
			if fields[i].name == fields[j].name {
				return true
			}
		}
	}
	return false
}

// field returns the index of the field named key, or -1.
func (p *decodePlan) field(key []byte) int {
	for i := range p.fields {
		if p.fields[i].name == string(key) {
			return i
		}
	}
	return -1
}
