package intern

import (
	"reflect"
	"slices"
	"sync"
	"unsafe"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Pack moves the strings of obj that belong to obj alone (its name, UID and resourceVersion, the
// annotation values too long to intern, and every string outside metadata: ConfigMap data values,
// container images, ...) into one allocation of exactly their total length, and interns the keys
// of string maps outside metadata (ConfigMap data keys, node selectors). Each decoded string is
// otherwise an allocation of its own, rounded up to the allocator's next size class (a 100-byte
// value takes 112 bytes, a 36-byte UID 48). Only strings that lose bytes to that rounding are
// packed (see packable), and only when the one allocation takes less than they take apart.
//
// Like Metadata, it changes which bytes strings point to, never a value, and is safe by
// construction: strings are immutable, and the packed bytes are referenced only by obj's own
// strings, so no other object can observe them. obj must be referenced by nothing else yet (a
// freshly decoded object); run Metadata first, so that the strings it interns are left out.
// A string kept after obj is gone (a substring of a name, say) keeps the whole allocation alive.
//
// obj is a pointer to a struct; anything else is left as it is. Only exported fields are visited,
// through structs, pointers to structs, slices of structs or strings, and maps of strings; fields
// of interface or other map types are left as they are.
func Pack(obj any) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	plan := planFor(v.Type().Elem())
	if plan == nil {
		return
	}
	p := v.UnsafePointer()
	var k packer
	k.walk(plan, p)
	if k.size > 0 && allocSize(k.size) < k.separate {
		k.buf = make([]byte, 0, k.size)
	}
	if k.buf != nil || k.maps > 0 {
		k.copying = true
		k.walk(plan, p)
	}
}

// maxPacked is the longest string packed: longer ones lose at most an eighth of their size to
// rounding where they are, and copying them would cost more time than it saves memory.
const maxPacked = 1024

// packable reports whether a string of n bytes is worth packing: one that loses something to
// rounding where it is. Strings under 16 bytes already share 16-byte blocks with others (the tiny
// allocator), and one of exactly a size class loses nothing.
func packable(n int) bool {
	return n >= 16 && n <= maxPacked && allocSize(n) > n
}

// packer walks an object twice: first adding up the lengths of the strings to pack (and what they
// take where they are), then, when one allocation takes less, copying them into buf and pointing
// them there, and interning map keys.
type packer struct {
	copying  bool
	size     int // bytes to pack
	separate int // what they take in allocations of their own
	maps     int // string maps outside metadata, whose keys are interned
	buf      []byte
}

// str packs *s.
func (k *packer) str(s *string) {
	if !packable(len(*s)) {
		return
	}
	if !k.copying {
		k.count(len(*s))
		return
	}
	*s = k.copy(*s)
}

func (k *packer) count(n int) {
	k.size += n
	k.separate += allocSize(n)
}

// copy returns s with its bytes in buf. buf was sized by the first walk; when there is no buf (packing
// would not pay) or should a string have grown since (nothing may change obj meanwhile, but a
// miscount must never corrupt anything), the string is left where it is.
func (k *packer) copy(s string) string {
	if s == "" || len(k.buf)+len(s) > cap(k.buf) {
		return s
	}
	at := len(k.buf)
	k.buf = append(k.buf, s...)
	return unsafe.String(&k.buf[at], len(s))
}

// strMap packs the packable values of m longer than minValue, and interns its keys
// when internKeys is set.
func (k *packer) strMap(m map[string]string, minValue int, internKeys bool) {
	if internKeys && len(m) > 0 {
		k.maps++
	}
	for key, v := range m {
		pack := len(v) > minValue && packable(len(v))
		if !k.copying {
			if pack {
				k.count(len(v))
			}
			continue
		}
		if !pack && !internKeys {
			continue
		}
		if internKeys {
			key = String(key)
		}
		if pack {
			v = k.copy(v)
		}
		// Assigning to an existing key stores the key given, so an interned key replaces the decoded one.
		m[key] = v
	}
}

// allocSize is about what an allocation of n bytes without pointers takes on the heap: the size
// class n is rounded up to, its own length below the tiny allocator's 16 bytes (several such
// strings share one 16-byte block), whole pages above the largest class.
func allocSize(n int) int {
	switch {
	case n < 16:
		return n
	case n > sizeClasses[len(sizeClasses)-1]:
		return (n + 8191) &^ 8191
	}
	i, _ := slices.BinarySearch(sizeClasses, n)
	return sizeClasses[i]
}

// sizeClasses are the Go runtime's allocation size classes (runtime/sizeclasses.go), which
// TestSizeClasses checks against the runtime in use. Were they to drift, packing would only be
// chosen a little less well: a decision on memory, never on meaning.
var sizeClasses = []int{8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
	288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
	2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240,
	10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768}

func (k *packer) walk(plan *packPlan, p unsafe.Pointer) {
	for _, f := range plan.fields {
		at := unsafe.Add(p, f.offset)
		switch f.kind {
		case fieldString:
			k.str((*string)(at))
		case fieldStringMap:
			k.strMap(*(*map[string]string)(at), -1, true)
		case fieldStringSlice:
			s := *(*[]string)(at)
			for i := range s {
				k.str(&s[i])
			}
		case fieldStruct:
			k.walk(f.plan, at)
		case fieldPointer:
			if q := *(*unsafe.Pointer)(at); q != nil {
				k.walk(f.plan, q)
			}
		case fieldStructSlice:
			s := (*sliceHeader)(at)
			for i := range s.len {
				k.walk(f.plan, unsafe.Add(s.data, uintptr(i)*f.elemSize))
			}
		case fieldMeta:
			m := (*metav1.ObjectMeta)(at)
			// What Metadata interns is left out: namespace, generateName, labels, short
			// annotation values, finalizers, owner references and managedFields.
			k.str(&m.Name)
			k.str((*string)(&m.UID))
			k.str(&m.ResourceVersion)
			k.str(&m.SelfLink)
			k.strMap(m.Annotations, maxValue, false)
		}
	}
}

type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

// A packPlan lists the fields of a struct type that hold strings to pack, directly or below.
type packPlan struct {
	fields []packField
}

type packField struct {
	offset   uintptr
	kind     fieldKind
	plan     *packPlan // fieldStruct, fieldPointer, fieldStructSlice
	elemSize uintptr   // fieldStructSlice
}

type fieldKind uint8

const (
	fieldString fieldKind = iota
	fieldStringMap
	fieldStringSlice
	fieldStruct
	fieldPointer
	fieldStructSlice
	fieldMeta
)

var (
	plans         sync.Map // reflect.Type → *packPlan, nil when the type holds nothing to pack
	objectMeta    = reflect.TypeFor[metav1.ObjectMeta]()
	leftAsTheyAre = map[reflect.Type]bool{
		// Its exported Format is one of a few constant strings, never decoded bytes.
		reflect.TypeFor[resource.Quantity](): true,
	}
)

// planFor returns the plan of struct type t, nil when t holds no string to pack.
func planFor(t reflect.Type) *packPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*packPlan)
	}
	built := map[reflect.Type]*packPlan{}
	p := buildPlan(t, built)
	prune(built)
	if p != nil && len(p.fields) == 0 {
		p = nil
	}
	plans.Store(t, p)
	return p
}

// buildPlan plans struct type t and the struct types below it; built holds every plan made, so
// that recursive types (a JSON schema's properties) refer to themselves.
func buildPlan(t reflect.Type, built map[reflect.Type]*packPlan) *packPlan {
	if p, ok := built[t]; ok {
		return p
	}
	if leftAsTheyAre[t] {
		return nil
	}
	plan := &packPlan{}
	built[t] = plan
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		f := packField{offset: sf.Offset}
		ft := sf.Type
		switch {
		case ft == objectMeta:
			f.kind = fieldMeta
		case ft.Kind() == reflect.String:
			f.kind = fieldString
		case ft.Kind() == reflect.Map && ft.Key().Kind() == reflect.String && ft.Elem().Kind() == reflect.String:
			f.kind = fieldStringMap
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			f.kind = fieldStringSlice
		case ft.Kind() == reflect.Struct:
			f.kind, f.plan = fieldStruct, buildPlan(ft, built)
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			f.kind, f.plan = fieldPointer, buildPlan(ft.Elem(), built)
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			f.kind, f.plan, f.elemSize = fieldStructSlice, buildPlan(ft.Elem(), built), ft.Elem().Size()
		default:
			continue
		}
		if f.kind >= fieldStruct && f.kind <= fieldStructSlice && f.plan == nil {
			continue
		}
		plan.fields = append(plan.fields, f)
	}
	return plan
}

// prune drops the fields leading to structs that hold no string to pack, so that walks skip
// them: a plan is useful when it has a field of its own to pack or one leading to a useful plan.
func prune(built map[reflect.Type]*packPlan) {
	useful := map[*packPlan]bool{}
	for changed := true; changed; {
		changed = false
		for _, p := range built {
			if useful[p] {
				continue
			}
			for _, f := range p.fields {
				if f.plan == nil || useful[f.plan] {
					useful[p], changed = true, true
					break
				}
			}
		}
	}
	for _, p := range built {
		p.fields = slices.DeleteFunc(p.fields, func(f packField) bool { return f.plan != nil && !useful[f.plan] })
	}
}
