//go:build golden

package informergen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

var optOut = golden.Fixtures("../client-gen/testdata/optout/...")

// TestPackageOptOut: a package whose doc.go says +k8s:informer-gen=false gets no informers, nor
// does one without clients or listers (+k8s:client-gen=false, +k8s:lister-gen=false), which its
// informers would be built on; the factory names none of them.
func TestPackageOptOut(t *testing.T) {
	dir := t.TempDir()
	a := &Args{OutputDir: dir, OutputPkg: "example.com/out/informers",
		VersionedClientsetPkg: "example.com/out/versioned", ListersPkg: "example.com/out/listers"}
	files := golden.Generate(t, optOut(t), a.generator())
	golden.CheckGroups(t, files, dir, golden.OnUnlessOff("client-gen", "lister-gen", Tool))
}
