package informergen

import (
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// errorFixtures are client-gen's broken fixtures, each with the model's file:line error.
var errorFixtures = golden.ErrorFixtures{Dir: "../client-gen/testdata/errors"}

// TestErrors builds informer-gen's job over each broken fixture (one shared load): every bad tag
// fails with the model's file:line error.
func TestErrors(t *testing.T) {
	errorFixtures.CheckJobs(t, func(l *output.Loaded) error {
		_, err := Job(l, outArgs(t.TempDir()))
		return err
	})
}

// TestRunErrorsWriteNothing runs informer-gen as the command does over broken fixtures: it fails
// with the file:line error and writes nothing.
func TestRunErrorsWriteNothing(t *testing.T) {
	errorFixtures.CheckRuns(t, []string{"unknowntag", "notagged"}, func(patterns []string, out string) error {
		_, err := Run(patterns, outArgs(out))
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
		{"nothing", Args{}, []string{"--output-dir is required", "--output-pkg is required", "--versioned-clientset-pkg is required", "--listers-pkg is required"}},
		{"bad plural", Args{OutputDir: "d", OutputPkg: "p", VersionedClientsetPkg: "c", ListersPkg: "l", PluralExceptions: []string{"Foo"}}, []string{"--plural-exceptions"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run([]string{"./testdata/none"}, &tc.args)
			golden.ErrorMentions(t, err, tc.want...)
		})
	}
}

func outArgs(dir string) *Args {
	return &Args{OutputDir: dir, OutputPkg: "example.com/out/informers", VersionedClientsetPkg: "example.com/out/clientset", ListersPkg: "example.com/out/listers"}
}
