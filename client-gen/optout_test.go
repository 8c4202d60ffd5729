//go:build golden

package clientgen

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

var optOut = golden.Fixtures("./testdata/optout/...")

// TestPackageOptOut: a package whose doc.go says +k8s:client-gen=false gets no typed client and no
// fake, and neither clientset, scheme nor fake clientset names it; a package whose apply
// configurations are turned off (+k8s:applyconfiguration-gen=false) gets a client whose Apply takes
// the object, as without --apply-configuration-package.
func TestPackageOptOut(t *testing.T) {
	dir := t.TempDir()
	a := DefaultArgs()
	a.OutputDir, a.OutputPkg = dir, "example.com/out"
	a.ApplyConfigurationPackage = "example.com/out/applyconfiguration"
	files := golden.Generate(t, optOut(t), a.generator())
	golden.CheckGroups(t, files, filepath.Join(dir, "versioned", "typed"), golden.OnUnlessOff(Tool))
	for _, f := range files {
		if strings.Contains(string(f.Content), a.ApplyConfigurationPackage+"/noapply") {
			t.Errorf("%s uses the apply configurations of noapply, which are turned off", f.Path)
		}
	}
}
