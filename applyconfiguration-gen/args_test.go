package applyconfigurationgen

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
		{"nothing", Args{}, []string{"--output-dir is required", "--output-pkg is required"}},
		{"bad external", Args{OutputDir: "d", OutputPkg: "p", ExternalApplyConfigurations: []string{"k8s.io/api/core/v1.PodSpec"}},
			[]string{"--external-applyconfigurations", "k8s.io/api/core/v1.PodSpec"}},
		{"bad plural", Args{OutputDir: "d", OutputPkg: "p", PluralExceptions: []string{"Foo"}}, []string{"--plural-exceptions"}},
		{"runtime meta without meta/v1", Args{OutputDir: "d", OutputPkg: "p", RuntimeMeta: true}, []string{"--kubegen-runtime-meta needs k8s.io/apimachinery/pkg/apis/meta/v1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run([]string{"./testdata/apis/..."}, &tc.args)
			golden.ErrorMentions(t, err, tc.want...)
		})
	}
}
