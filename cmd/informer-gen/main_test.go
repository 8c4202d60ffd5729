//go:build golden

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestCommand runs the built command the way a Makefile does: generate, verify (clean), remove one
// file, verify (fails naming it), and a fixture with a bad tag (fails naming file:line, writes
// nothing).
func TestCommand(t *testing.T) {
	golden.CommandScenario{
		Bin:      golden.BuildCommand(t, "informer-gen"),
		Fixtures: "../../client-gen/testdata",
		Flags: func(dir string) []string {
			return []string{"--output-dir", dir, "--output-pkg", "example.com/out/informers",
				"--versioned-clientset-package", "example.com/out/versioned", "--listers-package", "example.com/out/listers"}
		},
		Break: func(t testing.TB, dir string) string {
			factory := filepath.Join(dir, "factory.go")
			if err := os.Remove(factory); err != nil {
				t.Fatal(err)
			}
			return "missing: " + factory
		},
	}.Run(t)
}
