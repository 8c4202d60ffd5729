//go:build golden

package informergen

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "regenerate the golden files under testdata/golden")

// The fixtures are client-gen's; the informers use client-gen's golden clientset and lister-gen's
// golden listers, and must compile together with them.
const (
	goldenDir = "testdata/golden/informers"
	goldenPkg = "github.com/kubegen/kubegen/informer-gen/testdata/golden/informers"
)

func goldenArgs(dir string) *Args {
	return &Args{
		OutputDir:             dir,
		OutputPkg:             goldenPkg,
		VersionedClientsetPkg: "github.com/kubegen/kubegen/client-gen/testdata/golden/versioned",
		ListersPkg:            "github.com/kubegen/kubegen/lister-gen/testdata/golden/listers",
		IncludeAlpha:          true,
		AllVersions:           true,
	}
}

// load loads the fixtures once for all tests.
var load = golden.Fixtures("../client-gen/testdata/apis/...")

// generate runs informer-gen over the fixtures, in memory, with a fixed year in the header.
func generate(t *testing.T) []output.File {
	t.Helper()
	return golden.Generate(t, load(t), goldenArgs(goldenDir).generator())
}

// TestGolden compares the informers of the fixtures with testdata/golden; -update regenerates them.
func TestGolden(t *testing.T) {
	golden.Check(t, goldenDir, generate(t), *update)
}

// TestDeterministic generates twice and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	golden.Deterministic(t, func() []output.File { return generate(t) })
}

// TestGoldenCompiles builds and vets the golden informers with the clients and listers they use.
func TestGoldenCompiles(t *testing.T) {
	golden.Compiles(t, goldenDir)
}

// TestCodeGeneratorShapesCompile (issue 13) builds testdata/codegenshape, a program written against
// code-generator v0.37's informers: a group's second version through the factory
// (factory.Example().V1beta1().Widgets()), and the typed shapes (Typed<Kind>Informer,
// <Kind>IndexInformer, NewTyped<Kind>Informer, To<Kind>IndexInformer, ...).
func TestCodeGeneratorShapesCompile(t *testing.T) {
	golden.Compiles(t, "testdata/codegenshape")
}

// TestAllVersionsFlag: with AllVersions (client-gen's --clientset-all-versions, on by default) the
// factory offers both versions of the example group, as code-generator's; without it only the
// clientset's preferred one, v1.
func TestAllVersionsFlag(t *testing.T) {
	for _, all := range []bool{true, false} {
		a := goldenArgs(t.TempDir())
		a.AllVersions = all
		var group, generic string
		for _, f := range golden.Generate(t, load(t), a.generator()) {
			switch f.Path {
			case filepath.Join(a.OutputDir, "example", "interface.go"):
				group = string(f.Content)
			case filepath.Join(a.OutputDir, "generic.go"):
				generic = string(f.Content)
			}
		}
		if !strings.Contains(group, "V1() examplev1.Interface") {
			t.Errorf("AllVersions=%v: no V1() in the example group:\n%s", all, group)
		}
		if got := strings.Contains(group, "V1beta1() examplev1beta1.Interface"); got != all {
			t.Errorf("AllVersions=%v: V1beta1() offered: %v\n%s", all, got, group)
		}
		if got := strings.Contains(generic, `Version: "v1beta1"`); got != all {
			t.Errorf("AllVersions=%v: ForResource knows v1beta1: %v", all, got)
		}
	}
}
