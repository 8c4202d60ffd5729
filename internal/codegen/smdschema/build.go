package smdschema

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"k8s.io/gengo/v2/types"
	"k8s.io/klog/v2"
	"sigs.k8s.io/structured-merge-diff/v6/schema"
)

// Builder collects the schema of Go types. It is not safe for concurrent use.
type Builder struct {
	u      types.Universe
	defs   map[string]schema.Atom
	owners map[string]types.Name // which Go type each schema name was given to
	errs   []error
	notes  []string
}

// NewBuilder returns a builder for types of u. The universe gives package tags
// (+k8s:openapi-model-package) and the constants +default=ref(...) names.
func NewBuilder(u types.Universe) *Builder {
	return &Builder{u: u, defs: map[string]schema.Atom{}, owners: map[string]types.Name{}}
}

// Build returns the schema of roots and every type they reach.
func Build(u types.Universe, roots ...*types.Type) (*schema.Schema, error) {
	b := NewBuilder(u)
	for _, t := range roots {
		b.Add(t)
	}
	return b.Schema()
}

// Add adds the named struct type t (pointers are followed) and every type it reaches, and returns its
// schema name. Problems are kept for Schema to report.
func (b *Builder) Add(t *types.Type) string {
	t = deref(t)
	if t.Kind != types.Struct || t.Name.Package == "" {
		b.errs = append(b.errs, fmt.Errorf("%s: not a named struct type", t.Name))
		return ""
	}
	ref := b.ref(t, t.Name.String())
	return *ref.NamedType
}

// Schema returns every type added so far, sorted by name and followed by UntypedAtomic and
// UntypedDeduced, or every problem found, joined.
func (b *Builder) Schema() (*schema.Schema, error) {
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	s := &schema.Schema{}
	for _, name := range slices.Sorted(maps.Keys(b.defs)) {
		s.Types = append(s.Types, schema.TypeDef{Name: name, Atom: b.defs[name]})
	}
	s.Types = append(s.Types, untypedDefs()...)
	return s, nil
}

func (b *Builder) fail(path, format string, args ...any) {
	b.errs = append(b.errs, fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...)))
}

// ignored notes a marker that has no effect where it is written (kube-apiserver ignores it too;
// k8s.io/api has a few), logged at verbosity 1 and kept for Ignored.
func (b *Builder) ignored(path, format string, args ...any) {
	msg := fmt.Sprintf("%s: %s (ignored)", path, fmt.Sprintf(format, args...))
	klog.V(1).Info(msg)
	b.notes = append(b.notes, msg)
}

// Ignored lists the markers that had no effect because of where they are written, e.g. +listType on
// a member that is not a list.
func (b *Builder) Ignored() []string { return slices.Clone(b.notes) }

func deref(t *types.Type) *types.Type {
	for t.Kind == types.Pointer {
		t = t.Elem
	}
	return t
}

// resolve follows pointers and named non-struct types (gengo's Alias kind) to the shape JSON sees,
// stopping at special types, which keep their name.
func resolve(t *types.Type) *types.Type {
	for {
		t = deref(t)
		if _, special := specialTypes[t.Name]; special || t.Kind != types.Alias {
			return t
		}
		t = t.Underlying
	}
}

// ref returns the reference to t's type: named for structs and special types (defining them on
// first use), inline for scalars, lists and maps. path names the place for errors.
func (b *Builder) ref(t *types.Type, path string) schema.TypeRef {
	t = resolve(t)
	if atom, ok := specialTypes[t.Name]; ok {
		return named(b.define(t, func() schema.Atom { return atom }))
	}
	switch t.Kind {
	case types.Builtin:
		s, ok := builtinScalar(t.Name.Name)
		if !ok {
			b.fail(path, "%s cannot be represented in JSON", t.Name.Name)
			return named(UntypedAtomic)
		}
		return schema.TypeRef{Inlined: schema.Atom{Scalar: scalar(s)}}
	case types.Slice, types.Array:
		if elem := resolve(t.Elem); elem.Kind == types.Builtin && (elem.Name.Name == "byte" || elem.Name.Name == "uint8") {
			return schema.TypeRef{Inlined: schema.Atom{Scalar: scalar(schema.String)}} // base64
		}
		return schema.TypeRef{Inlined: schema.Atom{List: &schema.List{
			ElementType: b.ref(t.Elem, path+"[]"), ElementRelationship: schema.Atomic,
		}}}
	case types.Map:
		if key := resolve(t.Key); key.Kind != types.Builtin || key.Name.Name != "string" {
			b.fail(path, "map keys must be strings, not %s", t.Key.Name)
		}
		return schema.TypeRef{Inlined: schema.Atom{Map: &schema.Map{ElementType: b.ref(t.Elem, path+"{}")}}}
	case types.Interface:
		return named(UntypedDeduced)
	case types.Struct:
		if declaresOwnSchema(t) {
			return named(b.define(t, anyAtomic))
		}
		if t.Name.Package == "" { // an anonymous struct
			return schema.TypeRef{Inlined: b.structAtom(t, path)}
		}
		return named(b.define(t, func() schema.Atom { return b.structAtom(t, t.Name.String()) }))
	}
	b.fail(path, "%s (%s) cannot be represented in JSON", t.Name, t.Kind)
	return named(UntypedAtomic)
}

// define gives the named type t its schema name and, on first use, its atom.
func (b *Builder) define(t *types.Type, atom func() schema.Atom) string {
	name := TypeName(b.u, t)
	if owner, ok := b.owners[name]; ok {
		if owner != t.Name {
			b.fail(t.Name.String(), "has the schema name %s of %s too; set +k8s:openapi-model-package", name, owner)
		}
		return name
	}
	b.owners[name] = t.Name
	b.defs[name] = schema.Atom{} // placeholder: recursive types refer to the name while it is built
	b.defs[name] = atom()
	return name
}

func builtinScalar(name string) (schema.Scalar, bool) {
	switch name {
	case "string":
		return schema.String, true
	case "bool":
		return schema.Boolean, true
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
		"byte", "rune", "float32", "float64":
		return schema.Numeric, true
	}
	return "", false
}

// structAtom is the map atom of a struct: its JSON fields sorted by name, free-form when it has
// none, atomic or granular as its +structType (or +mapType) says.
func (b *Builder) structAtom(t *types.Type, path string) schema.Atom {
	m := &schema.Map{}
	for _, f := range b.jsonFields(t, path) {
		m.Fields = append(m.Fields, b.field(f, path+"."+f.name))
	}
	slices.SortFunc(m.Fields, func(x, y schema.StructField) int { return strings.Compare(x.Name, y.Name) })
	if len(m.Fields) == 0 {
		m.ElementType = named(UntypedDeduced)
	}
	tt := readTags(t.CommentLines)
	for _, marker := range []string{"structType", "mapType"} {
		if v, ok := tt.first(marker); ok {
			rel, err := mapRelationship(v)
			if err != nil {
				b.fail(path, "+%s=%s: %v", marker, v, err)
			}
			m.ElementRelationship = rel
		}
	}
	return schema.Atom{Map: m}
}

// jsonField is one JSON property of a struct: the member declaring it and its owner.
type jsonField struct {
	name   string
	member types.Member
	owner  *types.Type
	depth  int
}

// jsonFields lists the JSON properties of struct t as encoding/json sees them: members with an
// empty JSON name that embed a struct contribute its fields; a shallower field hides a deeper one of
// the same name.
func (b *Builder) jsonFields(t *types.Type, path string) []jsonField {
	var all []jsonField
	var walk func(t *types.Type, depth int)
	walk = func(t *types.Type, depth int) {
		for _, m := range t.Members {
			if v, _ := readTags(m.CommentLines).first("k8s:openapi-gen"); v == "false" {
				continue
			}
			jt := readJSONTag(m.Tags)
			if jt.name == "-" && !strings.Contains(string(m.Tags), `json:"-,`) {
				continue
			}
			if m.Embedded && jt.name == "" {
				if inner := deref(m.Type); inner.Kind == types.Struct {
					walk(inner, depth+1)
					continue
				}
			}
			if !m.Embedded && !isExported(m.Name) {
				continue
			}
			name := jt.name
			if name == "" {
				name = m.Name
			}
			all = append(all, jsonField{name: name, member: m, owner: t, depth: depth})
		}
	}
	walk(t, 0)
	var out []jsonField
	byName := map[string]int{}
	for _, f := range all {
		i, seen := byName[f.name]
		switch {
		case !seen:
			byName[f.name] = len(out)
			out = append(out, f)
		case f.depth < out[i].depth:
			out[i] = f
		case f.depth == out[i].depth:
			b.fail(path, "JSON field %q is declared twice (%s.%s and %s.%s)", f.name, out[i].owner.Name, out[i].member.Name, f.owner.Name, f.member.Name)
		}
	}
	return out
}

func isExported(name string) bool { return name != "" && strings.ToUpper(name[:1]) == name[:1] }

// field is the schema of one JSON property.
func (b *Builder) field(f jsonField, path string) schema.StructField {
	m := f.member
	jt := readJSONTag(m.Tags)
	if jt.asString {
		return schema.StructField{Name: f.name, Type: schema.TypeRef{Inlined: schema.Atom{Scalar: scalar(schema.String)}}}
	}
	ref := b.ref(m.Type, path)
	b.applyMemberMarkers(&ref, m, f.owner, path)
	def, err := b.fieldDefault(m, f.owner, jt.omitEmpty)
	if err != nil {
		b.fail(path, "%v", err)
	}
	return schema.StructField{Name: f.name, Type: ref, Default: def}
}
