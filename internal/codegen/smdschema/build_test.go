//go:build golden

package smdschema_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"k8s.io/gengo/v2/types"
	"sigs.k8s.io/structured-merge-diff/v6/schema"
	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/internal/codegen/output"
	"github.com/kubegen/kubegen/internal/codegen/smdschema"
)

const fixtures = "github.com/kubegen/kubegen/internal/codegen/smdschema/testdata/"

var (
	loadOnce sync.Once
	loaded   *output.Loaded
	loadErr  error
)

// fixtureLoad loads both fixture packages once for all tests.
func fixtureLoad(t *testing.T) *output.Loaded {
	t.Helper()
	loadOnce.Do(func() {
		loaded, loadErr = output.Load([]string{fixtures + "widgets/v1", fixtures + "bad"}, output.LoadOptions{})
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func fixtureType(t *testing.T, pkg, name string) *types.Type {
	t.Helper()
	typ := fixtureLoad(t).Universe.Type(types.Name{Package: fixtures + pkg, Name: name})
	if typ.Kind == types.Unknown {
		t.Fatalf("no type %s in %s", name, pkg)
	}
	return typ
}

func widgetSchema(t *testing.T) (*schema.Schema, string) {
	t.Helper()
	b := smdschema.NewBuilder(fixtureLoad(t).Universe)
	root := b.Add(fixtureType(t, "widgets/v1", "Widget"))
	s, err := b.Schema()
	if err != nil {
		t.Fatal(err)
	}
	return s, root
}

// at resolves a dotted path of JSON fields ("[]" steps into list items, "{}" into map values) from
// the root type.
func at(t *testing.T, s *schema.Schema, root, path string) (schema.Atom, schema.TypeRef) {
	t.Helper()
	ref := schema.TypeRef{NamedType: &root}
	for _, step := range strings.Split(path, ".") {
		a, ok := s.Resolve(ref)
		if !ok {
			t.Fatalf("%s: cannot resolve before %q", path, step)
		}
		switch step {
		case "[]":
			ref = a.List.ElementType
			continue
		case "{}":
			ref = a.Map.ElementType
			continue
		}
		f, ok := a.Map.FindField(step)
		if !ok {
			t.Fatalf("%s: no field %q", path, step)
		}
		ref = f.Type
	}
	a, ok := s.Resolve(ref)
	if !ok {
		t.Fatalf("%s: does not resolve", path)
	}
	return a, ref
}

// describe summarises an atom as the tests expect it.
func describe(a schema.Atom) string {
	var parts []string
	if a.Scalar != nil {
		parts = append(parts, "scalar "+string(*a.Scalar))
	}
	if a.List != nil {
		l := "list " + string(a.List.ElementRelationship)
		if len(a.List.Keys) > 0 {
			l += " " + strings.Join(a.List.Keys, ",")
		}
		parts = append(parts, l)
	}
	if a.Map != nil {
		m := "map"
		if a.Map.ElementRelationship != "" {
			m += " " + string(a.Map.ElementRelationship)
		}
		if len(a.Map.Fields) == 0 && a.Map.ElementType.NamedType != nil {
			m += " of " + *a.Map.ElementType.NamedType
		}
		parts = append(parts, m)
	}
	return strings.Join(parts, "+")
}

func TestMarkers(t *testing.T) {
	s, root := widgetSchema(t)
	if root != "com.example.widgets.v1.Widget" {
		t.Errorf("root name %q, want the +k8s:openapi-model-package name", root)
	}
	for path, want := range map[string]string{
		"spec.items":               "list associative name",
		"spec.ports":               "list associative port,protocol",
		"spec.tags":                "list associative",
		"spec.atomic":              "list atomic",
		"spec.plain":               "list atomic",
		"spec.listTypeWins":        "list associative",
		"spec.merged":              "list associative name",
		"spec.mergedSet":           "list associative",
		"spec.retained":            "list atomic",
		"spec.atomicMap":           "map atomic",
		"spec.granular":            "map",
		"spec.quantities":          "map of io.k8s.apimachinery.pkg.api.resource.Quantity",
		"spec.quantities.{}":       "scalar untyped",
		"spec.atomicRef":           "map atomic",
		"spec.ref":                 "map",
		"spec.wholeRef":            "map atomic",
		"spec.selector":            "map atomic", // +structType on a type of a package that is not an input
		"spec.owners":              "list atomic",
		"spec.owners.[]":           "map atomic",
		"spec.quantity":            "scalar untyped",
		"spec.time":                "scalar untyped",
		"spec.microTime":           "scalar untyped",
		"spec.duration":            "scalar string",
		"spec.intOrString":         "scalar untyped",
		"spec.raw":                 "scalar untyped+list atomic+map atomic of __untyped_atomic_",
		"spec.fields":              "map of __untyped_deduced_",
		"spec.bytes":               "scalar string",
		"spec.asString":            "scalar string",
		"spec.anything":            "scalar untyped+list atomic+map separable of __untyped_deduced_",
		"spec.nested":              "list atomic",
		"spec.nested.[]":           "list atomic",
		"spec.count":               "scalar numeric",
		"spec.enabled":             "scalar boolean",
		"spec.ratio":               "scalar numeric",
		"spec.next.items":          "list associative name",
		"spec.inlinedField":        "scalar string",
		"spec.untaggedField":       "scalar string",
		"status.conditions":        "list associative type",
		"status.misplaced":         "scalar string",
		"metadata.finalizers":      "list associative",
		"metadata.labels":          "map",
		"metadata.ownerReferences": "list associative uid",
	} {
		if a, _ := at(t, s, root, path); describe(a) != want {
			t.Errorf("%s: %s, want %s", path, describe(a), want)
		}
	}
	spec, _ := at(t, s, root, "spec")
	for _, gone := range []string{"Skipped", "-", "hidden", "unexported", "Inlined", "Untagged"} {
		if _, ok := spec.Map.FindField(gone); ok {
			t.Errorf("spec has field %q, which JSON never holds", gone)
		}
	}
}

func TestDefaults(t *testing.T) {
	s, root := widgetSchema(t)
	port, _ := at(t, s, root, "spec.ports.[]")
	item, _ := at(t, s, root, "spec.items.[]")
	spec, _ := at(t, s, root, "spec")
	for _, tc := range []struct {
		m     *schema.Map
		field string
		want  any
	}{
		{port.Map, "protocol", "TCP"}, // +default=ref(ProtocolTCP)
		{port.Map, "name", "x"},       // +default="x"
		{port.Map, "port", "0"},       // not omitempty: the zero value
		{item.Map, "value", nil},      // omitempty: none
		{spec.Map, "ref", "map[]"},    // a struct: {}
		{spec.Map, "atomicRef", nil},  // a pointer: none
		{spec.Map, "time", nil},       // decodes itself: none
		{spec.Map, "enabled", "false"},
	} {
		f, _ := tc.m.FindField(tc.field)
		if got := fmt.Sprint(f.Default); (tc.want == nil) != (f.Default == nil) || (tc.want != nil && got != fmt.Sprint(tc.want)) {
			t.Errorf("default of %s: %#v, want %v", tc.field, f.Default, tc.want)
		}
	}
}

func TestIgnoredMarkers(t *testing.T) {
	b := smdschema.NewBuilder(fixtureLoad(t).Universe)
	b.Add(fixtureType(t, "widgets/v1", "Widget"))
	want := []string{fixtures + "widgets/v1.WidgetStatus.misplaced: +listType on a member that is not a list (ignored)"}
	if got := b.Ignored(); !slices.Equal(got, want) {
		t.Errorf("Ignored() = %q, want %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	_, err := smdschema.Build(fixtureLoad(t).Universe, fixtureType(t, "bad", "Bad"))
	if err == nil {
		t.Fatal("no error for the bad fixture")
	}
	prefix := fixtures + "bad.Bad."
	for _, want := range []string{
		prefix + "noKeys: +listType=map needs at least one +listMapKey",
		prefix + `wrongKey: list key "nmae" is not a JSON field of ` + fixtures + "bad.Item",
		prefix + "setOfStructs: a set (+listType=set or patchStrategy merge without patchMergeKey) of " + fixtures + "bad.Item structs",
		prefix + "unknownType: +listType=bag: want atomic, set or map",
		prefix + "keyWithoutMap: +listMapKey needs +listType=map",
		prefix + "mapOfScalars: a list merged by key (+listType=map or patchMergeKey) must hold structs, not string",
		prefix + "unknownMapType: +mapType=loose: want atomic or granular",
		prefix + "intKeys: map keys must be strings, not int",
		prefix + "channel: chan int (Chan) cannot be represented in JSON",
		prefix + `disagree: struct tag patchStrategy:"merge" and comment +patchStrategy=replace disagree`,
		prefix + "badDefault: +default={: not JSON",
		prefix + "missingConst: +default=ref(Missing): no constant " + fixtures + "bad.Missing",
		fixtures + `bad.Bad: JSON field "dup" is declared twice`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}

func TestNotAStruct(t *testing.T) {
	_, err := smdschema.Build(fixtureLoad(t).Universe, fixtureType(t, "widgets/v1", "Protocol"))
	if err == nil || !strings.Contains(err.Error(), "not a named struct type") {
		t.Errorf("err = %v, want: not a named struct type", err)
	}
}

// The YAML is the same whatever order types are added in, and structured-merge-diff accepts it.
func TestYAMLDeterministicAndValid(t *testing.T) {
	u := fixtureLoad(t).Universe
	widget, spec := fixtureType(t, "widgets/v1", "Widget"), fixtureType(t, "widgets/v1", "Port")
	one, err := smdschema.Build(u, widget, spec)
	if err != nil {
		t.Fatal(err)
	}
	two, err := smdschema.Build(u, spec, widget)
	if err != nil {
		t.Fatal(err)
	}
	y1, err := smdschema.YAML(one)
	if err != nil {
		t.Fatal(err)
	}
	y2, _ := smdschema.YAML(two)
	if string(y1) != string(y2) {
		t.Error("YAML depends on the order types were added in")
	}
	p, err := typed.NewParser(typed.YAMLObject(y1))
	if err != nil {
		t.Fatalf("structured-merge-diff refuses the YAML: %v", err)
	}
	if d := smdschema.Compare(&p.Schema, one, "com.example.widgets.v1.Widget"); len(d) > 0 {
		t.Errorf("the schema read back from YAML differs: %v", d)
	}
}

func TestTypeName(t *testing.T) {
	u := fixtureLoad(t).Universe
	for _, tc := range []struct {
		typ  *types.Type
		want string
	}{
		{fixtureType(t, "widgets/v1", "Widget"), "com.example.widgets.v1.Widget"},
		{fixtureType(t, "bad", "Bad"), "com.github.kubegen.kubegen.internal.codegen.smdschema.testdata.bad.Bad"},
		{u.Type(types.Name{Package: "k8s.io/apimachinery/pkg/apis/meta/v1", Name: "ObjectMeta"}), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
	} {
		if got := smdschema.TypeName(u, tc.typ); got != tc.want {
			t.Errorf("TypeName(%s) = %s, want %s", tc.typ.Name, got, tc.want)
		}
	}
}
