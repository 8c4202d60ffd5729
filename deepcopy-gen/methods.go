package deepcopygen

import (
	"k8s.io/gengo/v2/types"
)

// typeWriter writes DeepCopyInto, DeepCopy and the interface methods of one type, skipping any
// the type already declares by hand.
type typeWriter struct {
	emitter
	t    *types.Type
	tags *typeTags
	errs []error
}

func (w *typeWriter) write() []error {
	valueReceiver := w.t.Kind == types.Alias // named slices and maps
	if w.plan.existingMethod(w.t, "DeepCopyInto") == nil {
		if valueReceiver {
			w.intoForSliceOrMap()
		} else {
			w.intoForStructOrArray()
		}
	}
	if w.plan.existingMethod(w.t, "DeepCopy") == nil {
		w.deepCopy(valueReceiver)
	}
	for _, ifc := range w.tags.interfaces {
		w.interfaceMethod(ifc.typ)
	}
	return w.errs
}

func (w *typeWriter) fail(member string, err error) {
	pos := w.plan.loaded.TypePosition(w.t)
	if member != "" {
		pos = w.plan.loaded.MemberPosition(w.t, member)
		w.errs = append(w.errs, errorAt(pos, "cannot deep-copy %s.%s: %v", w.t.Name.Name, member, err))
		return
	}
	w.errs = append(w.errs, errorAt(pos, "cannot deep-copy %s: %v", w.t.Name.Name, err))
}

func (w *typeWriter) intoForStructOrArray() {
	name := w.raw.Name(w.t)
	w.line("// DeepCopyInto writes a deep copy of in into out. in and out must be non-nil.")
	w.line("func (in *%s) DeepCopyInto(out *%s) {", name, name)
	defer w.line("}\n")
	if m := w.plan.existingMethod(w.t, "DeepCopy"); m != nil {
		w.intoFromDeepCopy()
		return
	}
	w.line("*out = *in")
	if w.t.Kind == types.Array {
		if !w.plan.isShallow(w.t.Elem) {
			if err := w.elements(w.t.Elem, "in", "out"); err != nil {
				w.fail("", err)
			}
		}
		return
	}
	for _, m := range w.t.Members {
		if w.plan.isShallow(m.Type) {
			continue
		}
		in, out := "in."+m.Name, "out."+m.Name
		var err error
		if m.Type.Kind == types.Struct && m.Type.Name.Package == "" {
			err = w.members(m.Type, in, out) // anonymous struct: *out = *in copied it shallowly
		} else {
			err = w.copy(m.Type, in, out)
		}
		if err != nil {
			w.fail(m.Name, err)
		}
	}
}

// intoFromDeepCopy writes a DeepCopyInto body over a hand-written DeepCopy.
func (w *typeWriter) intoFromDeepCopy() {
	ptr, err := w.plan.checkDeepCopy(w.t, w.plan.existingMethod(w.t, "DeepCopy"))
	switch {
	case err != nil:
		w.errs = append(w.errs, err)
	case ptr:
		w.line("*out = *in.DeepCopy()")
	default:
		w.line("*out = in.DeepCopy()")
	}
}

func (w *typeWriter) intoForSliceOrMap() {
	name := w.raw.Name(w.t)
	u := underlying(w.t)
	w.line("// DeepCopyInto writes a deep copy of in into out, which must be non-nil.")
	w.line("func (in %s) DeepCopyInto(out *%s) {", name, name)
	defer w.line("}\n")
	w.line("if in == nil {\n*out = nil\nreturn\n}")
	w.line("*out = make(%s, len(in))", name)
	var err error
	if u.Kind == types.Map {
		err = w.plan.checkMapKey(u)
		if err == nil {
			err = w.values(u.Elem, "in", "(*out)")
		}
	} else {
		err = w.elements(u.Elem, "in", "(*out)")
	}
	if err != nil {
		w.fail("", err)
	}
}

func (w *typeWriter) deepCopy(valueReceiver bool) {
	name := w.raw.Name(w.t)
	w.line("// DeepCopy returns a deep copy of in, or nil if in is nil.")
	if valueReceiver {
		w.line("func (in %s) DeepCopy() %s {", name, name)
		w.line("if in == nil {\nreturn nil\n}")
		w.line("out := new(%s)\nin.DeepCopyInto(out)\nreturn *out\n}\n", name)
		return
	}
	w.line("func (in *%s) DeepCopy() *%s {", name, name)
	w.line("if in == nil {\nreturn nil\n}")
	w.line("out := new(%s)\nin.DeepCopyInto(out)\nreturn out\n}\n", name)
}

// interfaceMethod writes DeepCopy<Interface>, e.g. DeepCopyObject for runtime.Object.
func (w *typeWriter) interfaceMethod(ifc *types.Type) {
	method := "DeepCopy" + ifc.Name.Name
	if w.plan.existingMethod(w.t, method) != nil {
		return
	}
	name, ifcName := w.raw.Name(w.t), w.raw.Name(ifc)
	nilable, pointerResult := w.deepCopyResult()
	recv := "*" + name
	if w.tags.nonPointer || w.t.Kind == types.Alias {
		recv = name
	}
	w.line("// %s returns a deep copy of in as a %s.", method, ifcName)
	w.line("func (in %s) %s() %s {", recv, method, ifcName)
	defer w.line("}\n")
	switch {
	case recv != name && nilable:
		w.line("if c := in.DeepCopy(); c != nil {\nreturn c\n}\nreturn nil")
	case recv != name:
		w.line("c := in.DeepCopy()\nreturn &c")
	case pointerResult:
		w.line("return *in.DeepCopy()")
	case nilable:
		w.line("if c := in.DeepCopy(); c != nil {\nreturn c\n}\nreturn nil")
	default:
		w.line("return in.DeepCopy()")
	}
}

// deepCopyResult describes what the type's DeepCopy returns: whether the result can be nil and
// whether it is a pointer.
func (w *typeWriter) deepCopyResult() (nilable, pointer bool) {
	if m := w.plan.existingMethod(w.t, "DeepCopy"); m != nil {
		ptr, err := w.plan.checkDeepCopy(w.t, m)
		if err != nil {
			w.errs = append(w.errs, err)
		}
		return ptr || w.t.Kind == types.Alias, ptr
	}
	if w.t.Kind == types.Alias {
		return true, false
	}
	return true, true
}
