package informergen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestArgsErrors checks that missing or malformed flags are reported, all at once.
func TestArgsErrors(t *testing.T) {
	tests := []struct {
		name string
		args Args
		want []string
	}{
		{"nothing", Args{}, []string{"--output-dir is required", "--output-pkg is required", "--versioned-clientset-package is required", "--listers-package is required"}},
		{"bad plural", Args{OutputDir: "d", OutputPkg: "p", VersionedClientsetPkg: "c", ListersPkg: "l", PluralExceptions: []string{"Foo"}}, []string{"--plural-exceptions"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run([]string{"./testdata/none"}, &tc.args)
			golden.ErrorMentions(t, err, tc.want...)
		})
	}
}
