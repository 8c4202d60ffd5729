//go:build golden

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

func outArgs(dir string) *Args {
	return &Args{OutputDir: dir, OutputPkg: "example.com/out/informers", VersionedClientsetPkg: "example.com/out/clientset", ListersPkg: "example.com/out/listers"}
}
