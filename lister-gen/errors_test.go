//go:build golden

package listergen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// errorFixtures are client-gen's broken fixtures, each with the model's file:line error.
var errorFixtures = golden.ErrorFixtures{Dir: "../client-gen/testdata/errors"}

// TestErrors builds lister-gen's job over each broken fixture (one shared load): every bad tag
// fails with the model's file:line error.
func TestErrors(t *testing.T) {
	errorFixtures.CheckJobs(t, func(l *output.Loaded) error {
		_, err := Job(l, &Args{OutputDir: t.TempDir(), OutputPkg: "example.com/out"})
		return err
	})
}

// TestRunErrorsWriteNothing runs lister-gen as the command does over broken fixtures: it fails
// with the file:line error and writes nothing.
func TestRunErrorsWriteNothing(t *testing.T) {
	errorFixtures.CheckRuns(t, []string{"unknowntag", "notagged"}, func(patterns []string, out string) error {
		_, err := Run(patterns, &Args{OutputDir: out, OutputPkg: "example.com/out"})
		return err
	})
}

// TestHandWrittenExpansion leaves out the expansion interfaces of a kind whose
// <kind>_expansion.go the user wrote.
func TestHandWrittenExpansion(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "example", "v1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "widget_expansion.go"), []byte("package v1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := generateInto(t, out)
	for _, f := range files {
		if f.Path != filepath.Join(dir, "expansion_generated.go") {
			continue
		}
		s := string(f.Content)
		if strings.Contains(s, "WidgetListerExpansion") || strings.Contains(s, "WidgetNamespaceListerExpansion") {
			t.Errorf("Widget's expansions generated although widget_expansion.go exists:\n%s", s)
		}
		if !strings.Contains(s, "type GaugeListerExpansion interface{}") {
			t.Errorf("Gauge's expansion missing:\n%s", s)
		}
		return
	}
	t.Fatal("no expansion_generated.go for example/v1")
}
