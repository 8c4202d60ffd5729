package deepcopygen

import (
	"fmt"
	"io"
	"strings"

	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// emitter writes the statements that deep-copy one value into another. Every emitted copy keeps
// this contract: if out holds the zero value or a shallow copy of in, afterwards it holds a deep
// copy of in (nil stays nil, empty stays empty).
type emitter struct {
	w    io.Writer
	plan *planner
	raw  namer.Namer
}

func (e *emitter) line(format string, args ...any) {
	fmt.Fprintf(e.w, format+"\n", args...)
}

// copy emits code making out a deep copy of in; both are addressable expressions of type t.
func (e *emitter) copy(t *types.Type, in, out string) error {
	how, err := e.plan.how(t)
	if err != nil {
		return err
	}
	if nilable(t) && (how == copyInto || how == copyValue || how == copyPtrValue) {
		// A named map or slice's own methods need not keep nil (code-generator's DeepCopyInto for
		// corev1.ResourceList makes an empty map of a nil one): nil is left as it is.
		e.line("if %s != nil {", in)
		defer e.line("}")
	}
	switch how {
	case copyAssign:
		e.line("%s = %s", out, in)
	case copyInto:
		e.line("%s.DeepCopyInto(&%s)", paren(in), paren(out))
	case copyValue:
		e.line("%s = %s.DeepCopy()", out, paren(in))
	case copyPtrValue:
		e.line("%s = *%s.DeepCopy()", out, paren(in))
	case copyInterface:
		return e.iface(t, in, out)
	case copyStruct:
		e.line("%s = %s", out, in)
		return e.members(t, in, out)
	default:
		return e.reference(t, how, in, out)
	}
	return nil
}

// reference emits the copy of a pointer, slice, map or array value: it rebinds in and out to
// pointers at the value so nested copies read the same at every depth.
func (e *emitter) reference(t *types.Type, how strategy, in, out string) error {
	if how == copyArray {
		e.line("{")
		defer e.line("}")
	} else {
		e.line("if %s != nil {", in)
		defer e.line("}")
	}
	e.line("in, out := &%s, &%s", in, out)
	u := underlying(t)
	switch how {
	case copyPointer:
		if t.Name.Package != "" {
			return e.namedPointee(t)
		}
		return e.pointee(u.Elem)
	case copySlice:
		e.line("*out = make(%s, len(*in))", e.raw.Name(t))
		return e.elements(u.Elem, "*in", "*out")
	case copyMap:
		e.line("*out = make(%s, len(*in))", e.raw.Name(t))
		return e.values(u.Elem, "*in", "*out")
	default:
		return e.elements(u.Elem, "*in", "*out")
	}
}

// pointee copies **in into a freshly allocated **out.
func (e *emitter) pointee(elem *types.Type) error {
	e.line("*out = new(%s)", e.raw.Name(elem))
	how, err := e.plan.how(elem)
	if err != nil {
		return err
	}
	switch {
	case how == copyAssign:
		e.line("**out = **in")
	case how == copyInto && !nilable(elem):
		e.line("(*in).DeepCopyInto(*out)")
	default:
		return e.copy(elem, "**in", "**out")
	}
	return nil
}

// namedPointee copies through a named pointer type (type P *T): such a type has no methods, so
// T's methods are called through a conversion to *T.
func (e *emitter) namedPointee(t *types.Type) error {
	elem := t.Elem
	ptr := "(*" + e.raw.Name(elem) + ")"
	e.line("*out = new(%s)", e.raw.Name(elem))
	how, err := e.plan.how(elem)
	if err != nil {
		return err
	}
	switch {
	case how == copyAssign:
		e.line("**out = **in")
	case how == copyInto && !nilable(elem):
		e.line("%s(*in).DeepCopyInto(%s(*out))", ptr, ptr)
	default:
		return e.copy(elem, "**in", "**out")
	}
	return nil
}

// elements copies every element of the slice or array in into out (of the same length).
func (e *emitter) elements(elem *types.Type, in, out string) error {
	how, err := e.plan.how(elem)
	if err != nil {
		return err
	}
	if how == copyAssign { // only slices get here: arrays of such elements are assigned whole
		e.line("copy(%s, %s)", out, in)
		return nil
	}
	e.line("for i := range %s {", in)
	defer e.line("}")
	return e.copy(elem, paren(in)+"[i]", paren(out)+"[i]")
}

// values copies every entry of the map in into the empty map out.
func (e *emitter) values(elem *types.Type, in, out string) error {
	how, err := e.plan.how(elem)
	if err != nil {
		return err
	}
	e.line("for key, val := range %s {", in)
	defer e.line("}")
	if how == copyAssign {
		e.line("%s[key] = val", paren(out))
		return nil
	}
	e.line("var outVal %s", e.raw.Name(elem))
	if err := e.copy(elem, "val", "outVal"); err != nil {
		return err
	}
	e.line("%s[key] = outVal", paren(out))
	return nil
}

// members copies the fields of a struct that assignment does not copy deeply; out already holds a
// shallow copy of in.
func (e *emitter) members(t *types.Type, in, out string) error {
	var errs []string
	for _, m := range t.Members {
		if e.plan.isShallow(m.Type) {
			continue
		}
		if err := e.copy(m.Type, in+"."+m.Name, out+"."+m.Name); err != nil {
			errs = append(errs, fmt.Sprintf("field %s: %v", m.Name, err))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// iface copies an interface value through its DeepCopy<Interface> method.
func (e *emitter) iface(t *types.Type, in, out string) error {
	method, err := interfaceCopier(t)
	if err != nil {
		return err
	}
	e.line("if %s != nil {", in)
	if method == "DeepCopy"+t.Name.Name {
		e.line("%s = %s.%s()", out, in, method)
	} else {
		e.line("%s = %s.%s().(%s)", out, in, method, e.raw.Name(t))
	}
	e.line("}")
	return nil
}

// nilable reports whether values of t (a named type, at most) are maps or slices, which can be nil.
func nilable(t *types.Type) bool {
	u := underlying(t)
	return u.Kind == types.Map || u.Kind == types.Slice
}

// underlying strips named-type aliases down to the structural type.
func underlying(t *types.Type) *types.Type {
	for t.Kind == types.Alias {
		t = t.Underlying
	}
	return t
}

// paren wraps dereference expressions so a selector or index applies to the whole expression.
func paren(expr string) string {
	if strings.HasPrefix(expr, "*") {
		return "(" + expr + ")"
	}
	return expr
}
