package deepcheck

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
)

// Filler fills values with random content. Nil and empty slices and maps, nil pointers and zero
// values all occur, so copies are checked on every shape.
type Filler struct {
	// Rand is the source of randomness; seed it for reproducible runs.
	Rand *rand.Rand
	// MaxDepth bounds recursion through pointers, slices and maps (recursive types).
	MaxDepth int
	// Custom fills values of specific types (opaque types such as resource.Quantity, interface
	// types such as runtime.Object). It returns a value assignable to the type.
	Custom map[reflect.Type]func(r *rand.Rand) reflect.Value
}

// Fill sets v (which must be settable) to random content. Unexported fields are left alone:
// types with unexported state bring their own DeepCopy, which is trusted.
func (f *Filler) Fill(v reflect.Value) {
	f.fill(v, 0)
}

func (f *Filler) fill(v reflect.Value, depth int) {
	if custom := f.Custom[v.Type()]; custom != nil {
		v.Set(custom(f.Rand))
		return
	}
	r := f.Rand
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(r.Intn(2) == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(r.Int63n(200) - 100)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(uint64(r.Intn(200)))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(r.NormFloat64())
	case reflect.Complex64, reflect.Complex128:
		v.SetComplex(complex(r.NormFloat64(), r.NormFloat64()))
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", r.Intn(1000)))
	case reflect.Pointer:
		if depth < f.MaxDepth && r.Intn(4) != 0 {
			p := reflect.New(v.Type().Elem())
			f.fill(p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Slice:
		f.fillSlice(v, depth)
	case reflect.Map:
		f.fillMap(v, depth)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			f.fill(v.Index(i), depth)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				f.fill(v.Field(i), depth)
			}
		}
	}
	// Interfaces without a Custom filler, funcs and channels stay nil.
}

func (f *Filler) fillSlice(v reflect.Value, depth int) {
	switch n := f.Rand.Intn(5); {
	case n == 0 || depth >= f.MaxDepth:
		// nil
	case n == 1:
		v.Set(reflect.MakeSlice(v.Type(), 0, f.Rand.Intn(3)))
	default:
		s := reflect.MakeSlice(v.Type(), n-1, n-1)
		for i := 0; i < s.Len(); i++ {
			f.fill(s.Index(i), depth+1)
		}
		v.Set(s)
	}
}

func (f *Filler) fillMap(v reflect.Value, depth int) {
	switch n := f.Rand.Intn(5); {
	case n == 0 || depth >= f.MaxDepth:
		// nil
	default:
		m := reflect.MakeMap(v.Type())
		for i := 1; i < n; i++ {
			key := reflect.New(v.Type().Key()).Elem()
			f.fill(key, depth+1)
			val := reflect.New(v.Type().Elem()).Elem()
			f.fill(val, depth+1)
			m.SetMapIndex(key, val)
		}
		v.Set(m)
	}
}

// Shared lists the paths at which a and b (values of one type, deeply equal) share memory: the
// same non-nil pointer, the same slice backing array or the same map. Unexported fields are not
// inspected, nor is memory of zero-sized types (Go may give all of them one address).
func Shared(a, b reflect.Value) []string {
	var out []string
	shared(a, b, "", &out, map[uintptr]bool{})
	return out
}

func shared(a, b reflect.Value, path string, out *[]string, seen map[uintptr]bool) {
	if !a.IsValid() || !b.IsValid() || a.Kind() != b.Kind() {
		return
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() && a.Type().Elem().Size() > 0 {
			*out = append(*out, orRoot(path))
			return
		}
		if seen[a.Pointer()] {
			return
		}
		seen[a.Pointer()] = true
		shared(a.Elem(), b.Elem(), "(*"+orRoot(path)+")", out, seen)
	case reflect.Interface:
		if !a.IsNil() && !b.IsNil() {
			shared(a.Elem(), b.Elem(), path, out, seen)
		}
	case reflect.Slice:
		if a.Len() > 0 && b.Len() > 0 && a.Type().Elem().Size() > 0 && a.Pointer() == b.Pointer() {
			*out = append(*out, orRoot(path))
			return
		}
		for i := 0; i < a.Len() && i < b.Len(); i++ {
			shared(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i), out, seen)
		}
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			shared(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i), out, seen)
		}
	case reflect.Map:
		if a.IsNil() || b.IsNil() {
			return
		}
		if a.Pointer() == b.Pointer() {
			*out = append(*out, orRoot(path))
			return
		}
		iter := a.MapRange()
		for iter.Next() {
			shared(iter.Value(), b.MapIndex(iter.Key()), fmt.Sprintf("%s[%v]", path, iter.Key()), out, seen)
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if a.Type().Field(i).IsExported() {
				shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name, out, seen)
			}
		}
	}
}

func orRoot(path string) string {
	if path == "" {
		return "value"
	}
	return strings.TrimPrefix(path, ".")
}

// CheckDeepCopy fills a new value of the type *ptr points to, deep-copies it with its generated
// methods and reports any difference: DeepCopy must return an equal value sharing no memory,
// DeepCopyInto must overwrite a differently filled target completely, and DeepCopyObject (when
// present) must agree with DeepCopy. ptr is a pointer to a struct or to a named slice or map.
//
// The zero value is checked first: every nil pointer, slice and map in it must stay nil in the
// copies (an empty map where the original had none changes what a user's code and the JSON
// encoding see).
func CheckDeepCopy(f *Filler, ptr any) error {
	orig := reflect.ValueOf(ptr)
	if err := checkValue(f, orig); err != nil {
		return fmt.Errorf("zero value: %w", err)
	}
	f.Fill(orig.Elem())
	return checkValue(f, orig)
}

// checkValue checks the copies of the value orig points to.
func checkValue(f *Filler, orig reflect.Value) error {
	recv := orig
	if _, ok := orig.Type().MethodByName("DeepCopy"); !ok {
		recv = orig.Elem() // value receivers: named slices and maps
	}
	copyMethod := recv.MethodByName("DeepCopy")
	if !copyMethod.IsValid() {
		return fmt.Errorf("%s has no DeepCopy method", orig.Type().Elem())
	}
	copied := copyMethod.Call(nil)[0]
	if err := compare(orig.Elem(), indirect(copied), "DeepCopy"); err != nil {
		return err
	}
	if err := checkInto(f, recv, orig.Elem()); err != nil {
		return err
	}
	if m := orig.MethodByName("DeepCopyObject"); m.IsValid() {
		obj := m.Call(nil)[0]
		if err := compare(orig.Elem(), indirect(obj.Elem()), "DeepCopyObject"); err != nil {
			return err
		}
	}
	return nil
}

// checkInto fills a second value, then DeepCopyInto's the original over it.
func checkInto(f *Filler, recv, orig reflect.Value) error {
	target := reflect.New(orig.Type())
	f.Fill(target.Elem())
	recv.MethodByName("DeepCopyInto").Call([]reflect.Value{target})
	return compare(orig, target.Elem(), "DeepCopyInto")
}

func compare(orig, copied reflect.Value, how string) error {
	if !reflect.DeepEqual(orig.Interface(), copied.Interface()) {
		return fmt.Errorf("%s of %s is not equal to the original:\noriginal: %#v\ncopy:     %#v", how, orig.Type(), orig.Interface(), copied.Interface())
	}
	if paths := Shared(orig, copied); len(paths) > 0 {
		return fmt.Errorf("%s of %s shares memory with the original at %s", how, orig.Type(), strings.Join(paths, ", "))
	}
	return nil
}

func indirect(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Pointer {
		return v.Elem()
	}
	return v
}
