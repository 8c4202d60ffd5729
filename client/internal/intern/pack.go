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
func Pack(obj any) { pack(obj, false) }

// Object interns obj's metadata and packs obj's own strings: the result of Metadata(obj) followed
// by Pack(obj), in one walk of obj. It is what an informer runs on each object it caches. obj must
// be referenced by nothing else yet (a freshly decoded object). When obj's metadata is not an
// ObjectMeta the walk reaches (an unstructured object's, say), it runs Metadata through obj's
// metav1.Object methods first, and the walk only packs.
func Object(obj any) { pack(obj, true) }

// pack packs obj's own strings in one walk, which also interns obj's metadata when meta is set:
// the walk adds up the lengths of the strings worth packing and records where they are, then one
// allocation of their total (when that takes less than they take apart) receives them. It returns
// that allocation, nil when there is none.
func pack(obj any, meta bool) []byte {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return nil
	}
	var plan *packPlan
	if v.Elem().Kind() == reflect.Struct {
		plan = planFor(v.Type().Elem())
	}
	p := v.UnsafePointer()
	k := packers.Get().(*packer)
	defer k.release()
	if meta {
		if k.own = ownMeta(obj, plan, p); k.own == nil {
			if m, ok := obj.(metav1.Object); ok {
				Metadata(m)
			}
		}
	}
	if plan == nil {
		return nil
	}
	k.walk(plan, p)
	k.finish()
	return k.buf
}

// packers are reused, so that the list of strings to pack allocates only while it grows.
var packers = sync.Pool{New: func() any { return new(packer) }}

// release returns k to packers, holding nothing of the object it packed.
func (k *packer) release() {
	clear(k.pending)
	*k = packer{pending: k.pending[:0]}
	packers.Put(k)
}

// ownMeta returns the ObjectMeta holding obj's metadata when it is a field of obj's struct that
// plan visits, nil otherwise.
func ownMeta(obj any, plan *packPlan, p unsafe.Pointer) *metav1.ObjectMeta {
	a, ok := obj.(metav1.ObjectMetaAccessor)
	if !ok || plan == nil {
		return nil
	}
	m, ok := a.GetObjectMeta().(*metav1.ObjectMeta)
	if !ok || m == nil {
		return nil
	}
	for _, f := range plan.fields {
		if f.kind == fieldMeta && unsafe.Add(p, f.offset) == unsafe.Pointer(m) {
			return m
		}
	}
	return nil
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

// packer walks an object once, adding up the lengths of the strings to pack (and what they take
// where they are) and recording where each is; finish then copies them into one allocation when that
// takes less, and points them there. Map keys to intern are interned during the walk.
type packer struct {
	own      *metav1.ObjectMeta // the object's own metadata, interned as Metadata does; nil when not asked
	size     int                // bytes to pack
	separate int                // what they take in allocations of their own
	pending  []pendingString    // the strings to pack, in the order met
	buf      []byte
}

// A pendingString is a string to pack: a field or slice element (s), or the value v of map m's
// entry key (key interned where the map's keys are), to be stored when packed.
type pendingString struct {
	s      *string
	m      map[string]string
	key, v string
}

// str records *s to pack when it is worth it.
func (k *packer) str(s *string) {
	if packable(len(*s)) {
		k.count(len(*s))
		k.pending = append(k.pending, pendingString{s: s})
	}
}

func (k *packer) count(n int) {
	k.size += n
	k.separate += allocSize(n)
}

// finish packs the recorded strings when one allocation takes less than they take apart, and
// stores the map entries recorded (whose keys may have been interned) in any case.
func (k *packer) finish() {
	if k.size > 0 && allocSize(k.size) < k.separate {
		k.buf = make([]byte, 0, k.size)
	}
	for _, p := range k.pending {
		if p.s == nil {
			// Assigning to an existing key stores the key given, so an interned key replaces the decoded one.
			p.m[p.key] = k.copy(p.v)
		} else if k.buf != nil {
			*p.s = k.copy(*p.s)
		}
	}
}

// copy returns s with its bytes in buf. buf was sized by the walk; when there is no buf (packing
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

// strMap records the packable values of m longer than minValue, and interns its keys when
// internKeys is set.
func (k *packer) strMap(m map[string]string, minValue int, internKeys bool) {
	for key, v := range m {
		if internKeys {
			key = String(key)
		}
		if len(v) > minValue && packable(len(v)) {
			k.count(len(v))
			k.pending = append(k.pending, pendingString{m: m, key: key, v: v})
		} else if internKeys {
			m[key] = v
		}
	}
}

// meta interns the strings of the object's own metadata m as Metadata does, and records those
// Metadata leaves alone to pack, as the walk does for any other ObjectMeta.
func (k *packer) meta(m *metav1.ObjectMeta) {
	m.Namespace, m.GenerateName = String(m.Namespace), String(m.GenerateName)
	Map(m.Labels, -1)
	for key, v := range m.Annotations {
		key = String(key)
		switch {
		case len(v) <= maxValue:
			m.Annotations[key] = String(v)
		case packable(len(v)):
			k.count(len(v))
			k.pending = append(k.pending, pendingString{m: m.Annotations, key: key, v: v})
		default:
			m.Annotations[key] = v
		}
	}
	internLists(m.Finalizers, m.OwnerReferences, m.ManagedFields)
	k.metaFields(m)
}

// metaFields records the strings of an ObjectMeta that belong to its object alone.
func (k *packer) metaFields(m *metav1.ObjectMeta) {
	k.str(&m.Name)
	k.str((*string)(&m.UID))
	k.str(&m.ResourceVersion)
	k.str(&m.SelfLink)
}

// allocSize is about what an allocation of n bytes without pointers takes on the heap: the size
// class n is rounded up to, its own length below the tiny allocator's 16 bytes (several such
// strings share one 16-byte block), whole pages above the largest class.
func allocSize(n int) int {
	switch {
	case n < 16:
		return n
	case n <= maxPacked:
		return int(smallClasses[(n+7)>>3])
	case n > sizeClasses[len(sizeClasses)-1]:
		return (n + 8191) &^ 8191
	}
	i, _ := slices.BinarySearch(sizeClasses, n)
	return sizeClasses[i]
}

// smallClasses[(n+7)/8] is the size class of n bytes up to maxPacked, which every size class is
// a multiple of 8 up to: a lookup for the sizes packable asks about for each string.
var smallClasses = func() (t [maxPacked/8 + 1]uint16) {
	for i := range t {
		c, _ := slices.BinarySearch(sizeClasses, i*8)
		t[i] = uint16(sizeClasses[c])
	}
	return t
}()

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
			if m == k.own {
				k.meta(m)
				break
			}
			// What Metadata interns is left out: namespace, generateName, labels, short
			// annotation values, finalizers, owner references and managedFields.
			k.metaFields(m)
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
