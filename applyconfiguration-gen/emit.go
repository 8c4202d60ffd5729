package applyconfigurationgen

import (
	"fmt"
	"io"
	"strings"

	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

var (
	objectMeta = types.Name{Package: applyconfig.MetaV1, Name: "ObjectMeta"}
	typeMeta   = types.Name{Package: applyconfig.MetaV1, Name: "TypeMeta"}
)

// typeWriter writes the apply configuration of one API struct into one file.
type typeWriter struct {
	plan *applyconfig.Plan
	pkg  *applyconfig.Package
	t    *types.Type
	kind *model.Kind // non-nil for a +genclient kind
	ac   string      // the apply configuration's name: "DeploymentApplyConfiguration"
	ext  *extraction // the schema of the kinds, for Extract functions; nil when none
	w    io.Writer
	raw  namer.Namer
}

func newTypeWriter(plan *applyconfig.Plan, pkg *applyconfig.Package, t *types.Type, ext *extraction) *typeWriter {
	return &typeWriter{plan: plan, pkg: pkg, t: t, kind: plan.Kinds[t.Name], ac: t.Name.Name + applyconfig.Suffix, ext: ext}
}

// write emits the file: the struct, its constructor, a kind's Extract functions, With builders and
// getters.
func (g *typeWriter) write(w io.Writer, raw namer.Namer) error {
	g.w, g.raw = w, raw
	fields := encodedMembers(g.t)
	g.structDecl(fields)
	g.constructor()
	g.extract()
	setters := g.setters(fields)
	for _, s := range setters {
		g.with(s)
	}
	g.ensureEmbeds(setters)
	g.getters(fields)
	return nil
}

func (g *typeWriter) printf(format string, args ...any) { fmt.Fprintf(g.w, format, args...) }

// field is a member of the API struct that is encoded in JSON.
type field struct {
	types.Member
	json   string // JSON name; "" when inlined
	inline bool
}

// blocked members never appear in apply configurations: the server owns them, or they are going away.
func blocked(t *types.Type, m types.Member) bool {
	return t.Name == objectMeta && (m.Name == "ManagedFields" || m.Name == "SelfLink") || strings.HasPrefix(m.Name, "ZZZ_")
}

func encodedMembers(t *types.Type) []field {
	var out []field
	for _, m := range t.Members {
		name, ok := applyconfig.JSONName(m)
		if !ok || blocked(t, m) {
			continue
		}
		out = append(out, field{Member: m, json: name, inline: m.Embedded && name == ""})
	}
	return out
}

// applyConfig is the apply configuration type of the struct t, or nil when t has none.
func (g *typeWriter) applyConfig(t *types.Type) *types.Type {
	for t.Kind == types.Pointer {
		t = t.Elem
	}
	if t.Kind != types.Struct {
		return nil
	}
	n, ok := g.plan.For(t.Name)
	if !ok {
		return nil
	}
	return types.Ref(n.Package, n.Name)
}

// valueType is the type that holds a value of t in an apply configuration: t's apply configuration
// for a struct that has one (also as the element of an unnamed slice or map), else t itself.
func (g *typeWriter) valueType(t *types.Type) *types.Type {
	switch t.Kind {
	case types.Pointer:
		return g.valueType(t.Elem)
	case types.Struct:
		if ac := g.applyConfig(t); ac != nil {
			return ac
		}
	case types.Slice:
		if ac := g.elemApplyConfig(t); ac != nil {
			return &types.Type{Kind: types.Slice, Elem: ac}
		}
	case types.Map:
		if ac := g.elemApplyConfig(t); ac != nil {
			return &types.Type{Kind: types.Map, Key: t.Key, Elem: ac}
		}
	}
	return t
}

// elemApplyConfig is the apply configuration of the elements of a slice or map of structs.
func (g *typeWriter) elemApplyConfig(t *types.Type) *types.Type {
	if t.Elem.Kind != types.Struct {
		return nil
	}
	return g.applyConfig(t.Elem)
}

// fieldType is the type of a field of type t: unnamed slices and maps as they are (nil is unset),
// everything else through a pointer.
func (g *typeWriter) fieldType(t *types.Type) *types.Type {
	if t.Kind == types.Slice || t.Kind == types.Map {
		return g.valueType(t)
	}
	return &types.Type{Kind: types.Pointer, Elem: g.valueType(t)}
}

func (g *typeWriter) structDecl(fields []field) {
	g.printf("// %s is the apply configuration of %s: the fields a field manager sets, each nil until set.\n", g.ac, g.t.Name.Name)
	if doc := docLines(g.t.CommentLines, ""); doc != "" {
		g.printf("//\n%s", doc)
	}
	g.printf("type %s struct {\n", g.ac)
	for _, f := range fields {
		g.printf("%s", docLines(f.CommentLines, "\t"))
		switch {
		case f.inline:
			g.printf("\t%s `json:\",inline\"`\n", g.raw.Name(g.valueType(f.Type)))
		case f.Embedded:
			g.printf("\t*%s `json:\"%s,omitempty\"`\n", g.raw.Name(g.valueType(f.Type)), f.json)
		default:
			g.printf("\t%s %s `json:\"%s,omitempty\"`\n", f.Name, g.raw.Name(g.fieldType(f.Type)), f.json)
		}
	}
	g.printf("}\n")
}

// docLines turns comment lines into "//" lines with the given indent, leaving out +markers.
func docLines(lines []string, indent string) string {
	var b strings.Builder
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "+") {
			continue
		}
		if l == "" {
			b.WriteString(indent + "//\n")
			continue
		}
		b.WriteString(indent + "// " + l + "\n")
	}
	return b.String()
}

func (g *typeWriter) hasTypeMeta() bool {
	for _, m := range g.t.Members {
		if m.Embedded && m.Type.Name == typeMeta && g.applyConfig(m.Type) != nil {
			return true
		}
	}
	return false
}

// constructor writes <Kind>(name[, namespace]) for a kind, <Type>() setting apiVersion and kind for
// another type with TypeMeta, else <Type>(); kinds and types with TypeMeta are also marked as whole
// objects by IsApplyConfiguration.
func (g *typeWriter) constructor() {
	name := g.t.Name.Name
	switch {
	case g.kind != nil && g.kind.Namespaced:
		g.printf(`
// %[1]s returns an apply configuration of the %[1]s called name in namespace, with its apiVersion
// (%[3]s) and kind set.
func %[1]s(name, namespace string) *%[2]s {
	b := &%[2]s{}
	b.WithName(name)
	b.WithNamespace(namespace)
	b.WithKind(%[1]q)
	b.WithAPIVersion(%[3]q)
	return b
}
`, name, g.ac, g.pkg.APIVersion)
	case g.kind != nil:
		g.printf(`
// %[1]s returns an apply configuration of the %[1]s called name, with its apiVersion (%[3]s) and
// kind set.
func %[1]s(name string) *%[2]s {
	b := &%[2]s{}
	b.WithName(name)
	b.WithKind(%[1]q)
	b.WithAPIVersion(%[3]q)
	return b
}
`, name, g.ac, g.pkg.APIVersion)
	case g.hasTypeMeta():
		g.printf(`
// %[1]s returns an apply configuration of a %[1]s, with its apiVersion (%[3]s) and kind set.
func %[1]s() *%[2]s {
	b := &%[2]s{}
	b.WithKind(%[1]q)
	b.WithAPIVersion(%[3]q)
	return b
}
`, name, g.ac, g.pkg.APIVersion)
	default:
		g.printf(`
// %[1]s returns an empty apply configuration of a %[1]s.
func %[1]s() *%[2]s {
	return &%[2]s{}
}
`, name, g.ac)
		return
	}
	g.printf(`
// IsApplyConfiguration marks %[1]s as the apply configuration of a whole object.
func (b %[1]s) IsApplyConfiguration() {}
`, g.ac)
}
