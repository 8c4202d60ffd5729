//go:build golden

package informergen

import (
	"flag"
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
