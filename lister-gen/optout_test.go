//go:build golden

package listergen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

var optOut = golden.Fixtures("../client-gen/testdata/optout/...")

// TestPackageOptOut: a package whose doc.go says +k8s:lister-gen=false gets no listers; the other
// opt-out tags do not concern lister-gen.
func TestPackageOptOut(t *testing.T) {
	dir := t.TempDir()
	files := golden.Generate(t, optOut(t), (&Args{OutputDir: dir, OutputPkg: "example.com/out/listers"}).generator())
	golden.CheckGroups(t, files, dir, golden.OnUnlessOff(Tool))
}
