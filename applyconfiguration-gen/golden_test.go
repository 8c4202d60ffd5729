package applyconfigurationgen

import (
	"flag"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "regenerate the golden files under testdata/golden")

const (
	goldenDir = "testdata/golden"
	goldenPkg = "github.com/kubegen/kubegen/applyconfiguration-gen/testdata/golden"
)

// load loads this package's fixture (every shape of field) and client-gen's (kinds with every verb
// combination, an apply method whose input is in another module) once for all tests.
var load = golden.Fixtures("./testdata/apis/...", "../client-gen/testdata/apis/...")

// generate runs applyconfiguration-gen over the fixtures, in memory, with a fixed year in the header.
func generate(t *testing.T) []output.File {
	t.Helper()
	a := &Args{OutputDir: goldenDir, OutputPkg: goldenPkg}
	return golden.Generate(t, load(t), a.generator())
}

// TestGolden compares the apply configurations of the fixtures with testdata/golden; -update
// regenerates them.
func TestGolden(t *testing.T) {
	golden.Check(t, goldenDir, generate(t), *update)
}

// TestDeterministic generates twice and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	golden.Deterministic(t, func() []output.File { return generate(t) })
}

// TestGoldenCompiles builds and vets the golden apply configurations.
func TestGoldenCompiles(t *testing.T) {
	golden.Compiles(t, goldenDir)
}
