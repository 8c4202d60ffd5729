//go:build golden

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
