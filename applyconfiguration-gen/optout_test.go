//go:build golden

package applyconfigurationgen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

var optOut = golden.Fixtures("../client-gen/testdata/optout/...")

// TestPackageOptOut: a package whose doc.go says +k8s:applyconfiguration-gen=false gets no apply
// configurations, and the schema package does not hold its types; the other opt-out tags do not
// concern applyconfiguration-gen.
func TestPackageOptOut(t *testing.T) {
	dir := t.TempDir()
	files := golden.Generate(t, optOut(t), (&Args{OutputDir: dir, OutputPkg: "example.com/out/applyconfiguration"}).generator())
	golden.CheckGroups(t, files, dir, golden.OnUnlessOff(Tool))
}
