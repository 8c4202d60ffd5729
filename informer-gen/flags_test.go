package informergen

import (
	"testing"

	"github.com/spf13/pflag"
)

// TestCodeGeneratorFlagNames: code-generator's informer-gen flag names work, and so do kubegen's
// first names of the same two flags.
func TestCodeGeneratorFlagNames(t *testing.T) {
	for _, names := range [][2]string{
		{"--versioned-clientset-package", "--listers-package"},
		{"--versioned-clientset-pkg", "--listers-pkg"},
	} {
		a := DefaultArgs()
		fs := pflag.NewFlagSet("informer-gen", pflag.ContinueOnError)
		a.AddFlags(fs)
		if err := fs.Parse([]string{"--output-dir", "out", "--output-pkg", "example.com/out",
			names[0], "example.com/cs", names[1], "example.com/listers"}); err != nil {
			t.Fatalf("%v: %v", names, err)
		}
		if a.VersionedClientsetPkg != "example.com/cs" || a.ListersPkg != "example.com/listers" {
			t.Errorf("%v: clientset %q, listers %q", names, a.VersionedClientsetPkg, a.ListersPkg)
		}
		if _, err := a.Validate(); err != nil {
			t.Errorf("%v: %v", names, err)
		}
	}
}
