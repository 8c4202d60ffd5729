//go:build golden

package listergen

import (
	"flag"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "regenerate the golden files under testdata/golden")

// The fixtures are client-gen's: the listers must compile together with its golden clients.
const (
	goldenDir = "testdata/golden/listers"
	goldenPkg = "github.com/kubegen/kubegen/lister-gen/testdata/golden/listers"
)

// load loads the fixtures once for all tests.
var load = golden.Fixtures("../client-gen/testdata/apis/...")

// generate runs lister-gen over the fixtures, in memory, with a fixed year in the header.
func generate(t *testing.T) []output.File {
	t.Helper()
	return generateInto(t, goldenDir)
}

// generateInto generates the listers of the fixtures as if --output-dir were dir.
func generateInto(t *testing.T, dir string) []output.File {
	t.Helper()
	a := &Args{OutputDir: dir, OutputPkg: goldenPkg}
	return golden.Generate(t, load(t), a.generator())
}

// TestGolden compares the listers of the fixtures with testdata/golden; -update regenerates them.
func TestGolden(t *testing.T) {
	golden.Check(t, goldenDir, generate(t), *update)
}

// TestDeterministic generates twice and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	golden.Deterministic(t, func() []output.File { return generate(t) })
}

// TestGoldenCompiles builds and vets the golden listers.
func TestGoldenCompiles(t *testing.T) {
	golden.Compiles(t, goldenDir)
}
