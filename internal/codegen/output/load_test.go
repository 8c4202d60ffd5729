//go:build golden

package output_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"k8s.io/gengo/v2/parser"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

const fixtures = "github.com/kubegen/kubegen/internal/codegen/output/testdata/"

// TestLoadMatchesGengoParser checks that the universe Load builds (one load, bodies dropped) is the
// one gengo's parser builds for the same packages: names, kinds, members, methods, comments,
// doc.go comments and imports of every type of the requested packages.
func TestLoadMatchesGengoParser(t *testing.T) {
	pkgs := []string{fixtures + "sample", "k8s.io/api/apps/v1", "k8s.io/api/core/v1"}
	loaded, err := output.Load(pkgs, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := parser.New()
	if err := p.LoadPackages(pkgs...); err != nil {
		t.Fatal(err)
	}
	want, err := p.NewUniverse()
	if err != nil {
		t.Fatal(err)
	}
	if got := loaded.Inputs; !slices.Equal(got, p.UserRequestedPackages()) {
		t.Errorf("Inputs = %v, want %v", got, p.UserRequestedPackages())
	}
	for _, path := range pkgs {
		got, exp := dumpPackage(loaded.Universe, path), dumpPackage(want, path)
		if got != exp {
			t.Errorf("package %s differs from gengo's parser:\n%s", path, lineDiff(exp, got))
		}
	}
}

func TestLoadNamesEveryBuiltin(t *testing.T) {
	loaded, err := output.Load([]string{fixtures + "basics"}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	numbers := loaded.Universe.Type(types.Name{Package: fixtures + "basics", Name: "Numbers"})
	want := map[string]string{"Small": "int8", "Runes": "[]rune", "Bytes": "[]byte", "Raw": "[]uint8", "C": "complex128"}
	for _, m := range numbers.Members {
		if got := m.Type.Name.Name; got != want[m.Name] {
			t.Errorf("member %s: type name %q, want %q", m.Name, got, want[m.Name])
		}
		elem := m.Type
		if elem.Kind == types.Slice {
			elem = elem.Elem
		}
		if elem.Kind != types.Builtin {
			t.Errorf("member %s: element kind %s, want Builtin", m.Name, elem.Kind)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name     string
		patterns []string
		want     string
	}{
		{"no patterns", nil, "no input packages"},
		{"syntax error", []string{"example.com/broken"}, "broken.go:3:19"},
		{"missing package", []string{fixtures + "nosuchpackage"}, "nosuchpackage"},
		{"pattern matching nothing", []string{fixtures + "nosuch/..."}, "no packages match"},
	}
	broken := t.TempDir()
	writeFiles(t, broken, map[string]string{
		"go.mod":    "module example.com/broken\n\ngo 1.26\n",
		"broken.go": "package broken\n\ntype Bad struct {\n",
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := output.Load(tc.patterns, output.LoadOptions{Dir: broken})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	loaded, err := output.Load([]string{fixtures + "sample"}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	widget := loaded.Universe.Type(types.Name{Package: fixtures + "sample", Name: "Widget"})
	cases := []struct {
		name string
		got  string
		want string
	}{
		{"type", short(loaded.TypePosition(widget).String()), "types.go:28:6"},
		{"member", short(loaded.MemberPosition(widget, "Spec").String()), "types.go:34:2"},
		{"embedded member", short(loaded.MemberPosition(widget, "ObjectMeta").String()), "types.go:31:9"},
		{"method", short(loaded.MethodPosition(widget, "Describe").String()), "types.go:71:18"},
		{"detached tag", short(loaded.TagPosition(widget, "+genclient:method=").String()), "types.go:25:1"},
		{"doc tag", short(loaded.TagPosition(widget, "Widget has").String()), "types.go:27:1"},
		{"absent tag", short(loaded.TagPosition(widget, "+nope").String()), "types.go:28:6"},
		{"package tag", short(loaded.PackageTagPosition(fixtures+"sample", "+groupName=").String()), "doc.go:3:1"},
		{"no doc.go", loaded.PackageTagPosition("k8s.io/nowhere", "+x").String(), "-"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s position = %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func short(pos string) string { return filepath.Base(pos) }

// dumpPackage renders everything generators read from the types of one package.
func dumpPackage(u types.Universe, path string) string {
	pkg := u[path]
	if pkg == nil {
		return "<missing>"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "package %s dir=%s\n", pkg.Name, filepath.Base(pkg.Dir))
	fmt.Fprintf(&b, "comments=%q\ndoc=%q\n", pkg.Comments, pkg.DocComments)
	fmt.Fprintf(&b, "imports=%v\n", sortedKeys(pkg.Imports))
	for _, name := range sortedKeys(pkg.Types) {
		dumpType(&b, pkg.Types[name])
	}
	for _, m := range []map[string]*types.Type{pkg.Functions, pkg.Variables, pkg.Constants} {
		for _, name := range sortedKeys(m) {
			d := m[name]
			fmt.Fprintf(&b, "decl %s %s of %s comments=%q\n", d.Name, d.Kind, d.Underlying.Name, d.CommentLines)
			if d.ConstValue != nil {
				fmt.Fprintf(&b, "  value %q\n", *d.ConstValue)
			}
		}
	}
	return b.String()
}

func dumpType(b *strings.Builder, t *types.Type) {
	fmt.Fprintf(b, "type %s kind=%s elem=%s key=%s underlying=%s len=%d\n", t.Name, t.Kind, t.Elem, t.Key, t.Underlying, t.Len)
	fmt.Fprintf(b, "  comments=%q\n  second=%q\n", t.CommentLines, t.SecondClosestCommentLines)
	for _, m := range t.Members {
		fmt.Fprintf(b, "  member %s embedded=%v tags=%q type=%s(%s) comments=%q\n", m.Name, m.Embedded, m.Tags, m.Type.Name, m.Type.Kind, m.CommentLines)
	}
	for _, name := range sortedKeys(t.Methods) {
		m := t.Methods[name]
		fmt.Fprintf(b, "  method %s %s recv=%s params=%d results=%d\n", name, m.Name, m.Signature.Receiver, len(m.Signature.Parameters), len(m.Signature.Results))
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range wl {
		if !slices.Contains(gl, l) {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range gl {
		if !slices.Contains(wl, l) {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

func TestLookupTypeAndSubset(t *testing.T) {
	loaded, err := output.Load([]string{fixtures + "sample", fixtures + "basics"}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// io.Writer is in a dependency's scope; no input type refers to it.
	if got := loaded.LookupType("io", "Writer"); got == nil || got.Kind != types.Interface || got.Methods["Write"] == nil {
		t.Errorf("LookupType(io.Writer) = %v, want the interface with its Write method", got)
	}
	if got := loaded.LookupType("io", "NoSuchType"); got != nil {
		t.Errorf("LookupType of a missing type = %v, want nil", got)
	}
	if got := loaded.LookupType("example.com/not/loaded", "T"); got != nil {
		t.Errorf("LookupType in a package that was not loaded = %v, want nil", got)
	}
	sub, err := loaded.Subset(fixtures + "basics")
	if err != nil || !slices.Equal(sub.Inputs, []string{fixtures + "basics"}) || len(loaded.Inputs) != 2 {
		t.Errorf("Subset: inputs %v (original %v), err %v", sub.Inputs, loaded.Inputs, err)
	}
	if _, err := loaded.Subset("example.com/other"); err == nil {
		t.Errorf("Subset accepted a package that is not an input")
	}
}
