package applyconfigurationgen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// errorFixtures are client-gen's broken fixtures, each with the model's file:line error.
var errorFixtures = golden.ErrorFixtures{Dir: "../client-gen/testdata/errors"}

// TestErrors builds applyconfiguration-gen's job over each broken fixture (one shared load): every
// bad tag fails with the model's file:line error.
func TestErrors(t *testing.T) {
	errorFixtures.CheckJobs(t, func(l *output.Loaded) error {
		_, err := Job(l, &Args{OutputDir: t.TempDir(), OutputPkg: "example.com/out"})
		return err
	})
}

// TestRunErrorsWriteNothing runs applyconfiguration-gen as the command does over broken fixtures:
// it fails with the file:line error and writes nothing.
func TestRunErrorsWriteNothing(t *testing.T) {
	errorFixtures.CheckRuns(t, []string{"unknowntag", "notagged"}, func(patterns []string, out string) error {
		_, err := Run(patterns, &Args{OutputDir: out, OutputPkg: "example.com/out"})
		return err
	})
}

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
