//go:build golden

package applyconfigurationgen

import (
	"flag"
	"strings"
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

// TestPlan: only types reachable from kinds that can be applied get apply configurations — the
// read-only Meter, and Unreached, do not; the apply method's input Resize does.
func TestPlan(t *testing.T) {
	names := map[string]bool{}
	for _, f := range generate(t) {
		if strings.Contains(f.Path, "shapes") {
			names[f.Path[strings.LastIndex(f.Path, "/")+1:]] = true
		}
	}
	for _, want := range []string{"gadget.go", "gadgetspec.go", "gadgetstatus.go", "part.go", "inlined.go", "deeper.go", "resize.go", "frame.go"} {
		if !names[want] {
			t.Errorf("no %s", want)
		}
	}
	for _, unwanted := range []string{"meter.go", "unreached.go", "mode.go", "gadgetlist.go"} {
		if names[unwanted] {
			t.Errorf("%s generated", unwanted)
		}
	}
}
