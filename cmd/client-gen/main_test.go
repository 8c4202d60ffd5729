//go:build golden

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestCommand runs the built command the way a Makefile does: generate, verify (clean), break one
// file, verify (fails naming it), and a fixture with a bad tag (fails naming file:line, writes
// nothing).
func TestCommand(t *testing.T) {
	golden.CommandScenario{
		Bin:      golden.BuildCommand(t, "client-gen"),
		Fixtures: "../../client-gen/testdata",
		Flags:    func(dir string) []string { return []string{"--output-dir", dir, "--output-pkg", "example.com/out"} },
		Break: func(t testing.TB, dir string) string {
			widget := filepath.Join(dir, "versioned/typed/example/v1/widget.go")
			if err := os.WriteFile(widget, []byte("package v1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return "changed: " + widget
		},
		Keep: func(out string) string { return filepath.Join(out, "versioned", "stubs") },
	}.Run(t)
}
