package applyconfigurationgen

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
	"github.com/kubegen/kubegen/internal/codegen/smdschema"
)

const (
	applyRuntime = "github.com/kubegen/kubegen/client/apply"
	smdTyped     = "sigs.k8s.io/structured-merge-diff/v6/typed"
	gvkPackage   = "k8s.io/apimachinery/pkg/runtime/schema"
	// internalDir is the package, under the output, that holds the schema of the run's kinds.
	internalDir = "internal"
)

// extraction is what the Extract functions of a run need: where the schema is, and the schema
// name of each kind that gets them.
type extraction struct {
	parser types.Name            // <output>/internal.Parser
	names  map[types.Name]string // kind type → its name in the schema
}

// extractedKinds are the +genclient kinds that get an apply configuration, in package order: each
// gets Extract functions.
func extractedKinds(plan *applyconfig.Plan) []*model.Kind {
	var out []*model.Kind
	for _, pkg := range plan.Packages {
		for _, t := range pkg.Types {
			if k := plan.Kinds[t.Name]; k != nil {
				out = append(out, k)
			}
		}
	}
	return out
}

// schemaTarget derives, with package smdschema, the structured-merge-diff schema of the kinds that
// get Extract functions (and of every type they reach) and returns the target writing it, with
// Parser, into <output>/internal. It fails on types the schema cannot describe, naming the type and
// field, and checks that structured-merge-diff accepts the schema. With no such kinds it returns
// no target.
func (a *Args) schemaTarget(plan *applyconfig.Plan, u types.Universe, header []byte) (generator.Target, *extraction, error) {
	kinds := extractedKinds(plan)
	if len(kinds) == 0 {
		return nil, nil, nil
	}
	b := smdschema.NewBuilder(u)
	ext := &extraction{
		parser: types.Name{Package: a.OutputPkg + "/" + internalDir, Name: "Parser"},
		names:  map[types.Name]string{},
	}
	for _, k := range kinds {
		ext.names[k.Type.Name] = b.Add(k.Type)
	}
	s, err := b.Schema()
	if err != nil {
		return nil, nil, fmt.Errorf("the schema of the kinds for Extract functions: %w", err)
	}
	yml, err := smdschema.YAML(s)
	if err != nil {
		return nil, nil, fmt.Errorf("rendering the schema of the kinds: %w", err)
	}
	parser, err := typed.NewParser(typed.YAMLObject(yml))
	if err != nil {
		return nil, nil, fmt.Errorf("structured-merge-diff refuses the schema derived from the kinds: %w", err)
	}
	for _, k := range kinds {
		if !parser.Type(ext.names[k.Type.Name]).IsValid() {
			return nil, nil, fmt.Errorf("the schema has no valid type %s for %s", ext.names[k.Type.Name], k.Type.Name)
		}
	}
	pkg := ext.parser.Package
	dir := filepath.Join(a.OutputDir, internalDir)
	target := gofile.Target(internalDir, pkg, dir, header, internalDoc, func() []generator.Generator {
		return []generator.Generator{gofile.NewEmitter("internal.go", pkg, func(w io.Writer, raw namer.Namer) error {
			return writeSchema(w, raw, yml)
		})}
	})
	return target, ext, nil
}

// parserTarget writes <output>/parser.go, which gives code outside the tree (generated fake
// clientsets) the schema that Go's internal rule keeps them from importing. It leaves the rest of
// the package, if any, as it is.
func (a *Args) parserTarget(ext *extraction, header []byte) generator.Target {
	name := naming.PackageName(path.Base(a.OutputPkg))
	return &generator.SimpleTarget{
		PkgName:       name,
		PkgPath:       a.OutputPkg,
		PkgDir:        a.OutputDir,
		HeaderComment: header,
		FilterFunc:    func(*generator.Context, *types.Type) bool { return false },
		GeneratorsFunc: func(*generator.Context) []generator.Generator {
			return []generator.Generator{gofile.NewEmitter("parser.go", a.OutputPkg, func(w io.Writer, raw namer.Namer) error {
				_, err := fmt.Fprintf(w, `
// Parser returns the structured-merge-diff schema of the API types these apply configurations are
// generated from (package internal's): fake clientsets apply with it as the apiserver does.
func Parser() *%s {
	return %s()
}
`, raw.Name(types.Ref(smdTyped, "Parser")), raw.Name(types.Ref(ext.parser.Package, ext.parser.Name)))
				return err
			})}
		},
	}
}

const internalDoc = `Package internal holds the structured-merge-diff schema of the API types whose apply
configurations are generated beside it, derived from their Go types and markers by
applyconfiguration-gen (no OpenAPI step). The generated Extract functions read managedFields with it.`

// writeSchema writes Parser and the schema's YAML, as a raw string literal unless the YAML holds a
// backquote.
func writeSchema(w io.Writer, raw namer.Namer, yml []byte) error {
	literal := "`" + string(yml) + "`"
	if strings.Contains(string(yml), "`") {
		literal = strconv.Quote(string(yml))
	}
	_, err := fmt.Fprintf(w, `
// Parser returns the parser of the schema of the API types, built on first use. (The schema is
// reached only through Parser, so that a program that never calls it does not link it.)
func Parser() *%[1]s {
	parserOnce.Do(func() {
		var err error
		parser, err = %[3]s(schemaYAML)
		if err != nil {
			panic("applyconfiguration-gen wrote a schema structured-merge-diff refuses: " + err.Error())
		}
	})
	return parser
}

var (
	parserOnce %[2]s
	parser     *%[1]s
)

var schemaYAML = %[4]s(%[5]s)
`, raw.Name(types.Ref(smdTyped, "Parser")), raw.Name(types.Ref("sync", "Once")),
		raw.Name(types.Ref(smdTyped, "NewParser")), raw.Name(types.Ref(smdTyped, "YAMLObject")), literal)
	return err
}

// subresources are the subresources of k that get an Extract<Kind><Subresource> function: status
// when the kind has a status subresource, and those of its extra methods, sorted. Names that are not
// Go identifiers are left to Extract<Kind>From.
func subresources(k *model.Kind) []string {
	var out []string
	if k.StatusSubresource {
		out = append(out, "status")
	}
	for _, m := range k.Methods {
		if m.Subresource != "" && isIdent(m.Subresource) {
			out = append(out, m.Subresource)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isIdent(s string) bool {
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// titled is the subresource as client-go's function names spell it: upper-case first letter, the
// rest lower-case ("ephemeralcontainers" → "Ephemeralcontainers").
func titled(sub string) string {
	return strings.ToUpper(sub[:1]) + strings.ToLower(sub[1:])
}

// extract writes Extract<Kind>From, Extract<Kind> and Extract<Kind><Subresource> of a kind.
func (g *typeWriter) extract() {
	if g.kind == nil || g.ext == nil {
		return
	}
	k, name := g.kind, g.t.Name.Name
	gvk := fmt.Sprintf("%s{Group: %q, Version: %q, Kind: %q}",
		g.raw.Name(types.Ref(gvkPackage, "GroupVersionKind")), k.Version.Group.Name, k.Version.Name, name)
	g.printf(`
// Extract%[1]sFrom returns the fields fieldManager owns in obj through apply on subresource ("" for
// the object itself, "status", "scale", ...), as an apply configuration with apiVersion, kind, name
// and namespace set: change it and apply it again as fieldManager to change exactly those fields.
// obj must be as read from the apiserver, managedFields included. A manager that owns nothing, or
// whose fields other managers took over, gets fewer fields (or only the identifying ones).
func Extract%[1]sFrom(obj *%[2]s, fieldManager string, subresource string) (*%[3]s, error) {
	return %[4]s[%[3]s](obj, %[5]s().Type(%[6]q),
		%[7]s, fieldManager, subresource)
}

// Extract%[1]s returns the fields fieldManager owns in obj through apply, as Extract%[1]sFrom
// does for the object itself.
func Extract%[1]s(obj *%[2]s, fieldManager string) (*%[3]s, error) {
	return Extract%[1]sFrom(obj, fieldManager, "")
}
`, name, g.raw.Name(g.t), g.ac, g.raw.Name(types.Ref(applyRuntime, "Extract")), g.raw.Name(types.Ref(g.ext.parser.Package, g.ext.parser.Name)),
		g.ext.names[g.t.Name], gvk)
	for _, sub := range subresources(k) {
		g.printf(`
// Extract%[1]s%[2]s returns the fields fieldManager owns in obj through apply on the %[3]s
// subresource, as Extract%[1]sFrom does.
func Extract%[1]s%[2]s(obj *%[4]s, fieldManager string) (*%[5]s, error) {
	return Extract%[1]sFrom(obj, fieldManager, %[3]q)
}
`, name, titled(sub), sub, g.raw.Name(g.t), g.ac)
	}
}
