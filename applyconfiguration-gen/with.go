package applyconfigurationgen

import (
	"k8s.io/gengo/v2/types"
)

// setter is one With<Field> builder: of a field of the type, or of a field of an embedded struct
// promoted to it (as client-go promotes TypeMeta's and ObjectMeta's).
type setter struct {
	field
	// path is the Go expression of the field in the builder: "b.Spec",
	// "b.ObjectMetaApplyConfiguration.Name".
	path string
	// embed is the embedded apply configuration held by pointer that must exist before the field is
	// set, or nil.
	embed *types.Type
}

// setters lists the builders of fields, in field order, with the fields of embedded structs in place
// of the embedding; a field of the type itself wins over a promoted one of the same name.
func (g *typeWriter) setters(fields []field) []setter {
	p := promotion{own: map[string]bool{}, done: map[string]bool{}}
	for _, f := range fields {
		if !f.Embedded {
			p.own[f.Name] = true
		}
	}
	for _, f := range fields {
		if f.Embedded {
			g.promote(&p, f, "b.", nil)
			continue
		}
		p.out = append(p.out, setter{field: f, path: "b." + f.Name})
	}
	return p.out
}

// promotion collects the setters of the fields of embedded structs.
type promotion struct {
	own, done map[string]bool
	out       []setter
}

// promote adds the setters of the fields of the embedded f, reached through prefix ("b." at the
// top). Inlined structs embedded in it are promoted too; a struct embedded by pointer only at the top,
// where its ensure function can allocate it.
func (g *typeWriter) promote(p *promotion, f field, prefix string, embed *types.Type) {
	ac := g.applyConfig(f.Type)
	if ac == nil {
		return
	}
	if !f.inline {
		if prefix != "b." {
			return
		}
		embed = ac
	}
	prefix += ac.Name.Name + "."
	for _, in := range encodedMembers(deref(f.Type)) {
		switch {
		case in.Embedded:
			g.promote(p, in, prefix, embed)
		case !p.own[in.Name] && !p.done[in.Name]:
			p.done[in.Name] = true
			p.out = append(p.out, setter{field: in, path: prefix + in.Name, embed: embed})
		}
	}
}

func deref(t *types.Type) *types.Type {
	for t.Kind == types.Pointer {
		t = t.Elem
	}
	return t
}

func (g *typeWriter) with(s setter) {
	ensure := ""
	if s.embed != nil {
		ensure = "\tb.ensure" + s.embed.Name.Name + "Exists()\n"
	}
	switch t := s.Type; {
	case t.Kind == types.Slice || t.Kind == types.Pointer && t.Elem.Kind == types.Slice:
		g.withSlice(s, ensure)
	case t.Kind == types.Map:
		g.withMap(s, ensure)
	default:
		g.withValue(s, ensure)
	}
}

func (g *typeWriter) withValue(s setter, ensure string) {
	param, value := g.raw.Name(g.valueType(s.Type)), "&value"
	if g.applyConfig(s.Type) != nil {
		param, value = "*"+param, "value"
	}
	g.printf(`
// With%[2]s sets %[2]s and returns the receiver, for chaining; a later call replaces the value.
func (b *%[1]s) With%[2]s(value %[3]s) *%[1]s {
%[4]s	%[5]s = %[6]s
	return b
}
`, g.ac, s.Name, param, ensure, s.path, value)
}

func (g *typeWriter) withSlice(s setter, ensure string) {
	slice, target, alloc := s.Type, s.path, ""
	if slice.Kind == types.Pointer {
		slice, target = slice.Elem, "*"+s.path
		alloc = "\tif " + s.path + " == nil {\n\t\t" + s.path + " = &" + g.raw.Name(g.valueType(slice)) + "{}\n\t}\n"
	}
	if elem := g.elemApplyConfig(slice); elem != nil {
		g.printf(`
// With%[2]s appends values to %[2]s and returns the receiver, for chaining. A nil value panics: it is
// a bug in the code building the configuration.
func (b *%[1]s) With%[2]s(values ...*%[3]s) *%[1]s {
%[4]s%[5]s	for i := range values {
		if values[i] == nil {
			panic("nil value passed to With%[2]s")
		}
		%[6]s = append(%[6]s, *values[i])
	}
	return b
}
`, g.ac, s.Name, g.raw.Name(elem), ensure, alloc, target)
		return
	}
	g.printf(`
// With%[2]s appends values to %[2]s and returns the receiver, for chaining.
func (b *%[1]s) With%[2]s(values ...%[3]s) *%[1]s {
%[4]s%[5]s	%[6]s = append(%[6]s, values...)
	return b
}
`, g.ac, s.Name, g.raw.Name(slice.Elem), ensure, alloc, target)
}

func (g *typeWriter) withMap(s setter, ensure string) {
	g.printf(`
// With%[2]s puts entries into %[2]s and returns the receiver, for chaining; an entry replaces the one
// with the same key from an earlier call.
func (b *%[1]s) With%[2]s(entries %[3]s) *%[1]s {
%[4]s	if %[5]s == nil && len(entries) > 0 {
		%[5]s = make(%[3]s, len(entries))
	}
	for k, v := range entries {
		%[5]s[k] = v
	}
	return b
}
`, g.ac, s.Name, g.raw.Name(g.valueType(s.Type)), ensure, s.path)
}

// ensureEmbeds writes ensure<Embed>Exists for each embedded apply configuration held by pointer that
// a builder sets fields of.
func (g *typeWriter) ensureEmbeds(setters []setter) {
	done := map[*types.Type]bool{}
	for _, s := range setters {
		if s.embed == nil || done[s.embed] {
			continue
		}
		done[s.embed] = true
		g.printf(`
func (b *%[1]s) ensure%[2]sExists() {
	if b.%[2]s == nil {
		b.%[2]s = &%[3]s{}
	}
}
`, g.ac, s.embed.Name.Name, g.raw.Name(s.embed))
	}
}

// metaGetters are the fields the typed clients read from an apply configuration, by the meta/v1
// type that holds them.
var metaGetters = map[types.Name][]string{
	objectMeta: {"Name", "Namespace"},
	typeMeta:   {"Kind", "APIVersion"},
}

// getters writes Get<Field> for the name, namespace, kind and apiVersion of ObjectMeta and TypeMeta
// and of the types embedding them. They never allocate and are safe on a nil receiver.
func (g *typeWriter) getters(fields []field) {
	for _, name := range metaGetters[g.t.Name] {
		g.getter(name, "b."+name, "")
	}
	for _, f := range fields {
		ac := g.applyConfig(f.Type)
		if !f.Embedded || ac == nil {
			continue
		}
		check := ""
		if !f.inline {
			check = " || b." + ac.Name.Name + " == nil"
		}
		for _, name := range metaGetters[deref(f.Type).Name] {
			g.getter(name, "b."+ac.Name.Name+"."+name, check)
		}
	}
}

func (g *typeWriter) getter(name, path, check string) {
	g.printf(`
// Get%[2]s returns the %[2]s set in the configuration, nil if none.
func (b *%[1]s) Get%[2]s() *string {
	if b == nil%[4]s {
		return nil
	}
	return %[3]s
}
`, g.ac, name, path, check)
}
