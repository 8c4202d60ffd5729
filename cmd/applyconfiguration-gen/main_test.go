//go:build golden

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
)

// TestCommand runs the built command the way a Makefile does: generate, verify (clean), break one
// file, verify (fails naming it), and a fixture with a bad tag (fails naming file:line, writes
// nothing).
func TestCommand(t *testing.T) {
	golden.CommandScenario{
		Bin:      golden.BuildCommand(t, "applyconfiguration-gen"),
		Fixtures: "../../client-gen/testdata",
		Flags: func(dir string) []string {
			return []string{"--output-dir", dir, "--output-pkg", "example.com/out/applyconfiguration"}
		},
		Break: func(t testing.TB, dir string) string {
			widget := filepath.Join(dir, "example/v1/widget.go")
			if err := os.WriteFile(widget, []byte("package v1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return "changed: " + widget
		},
	}.Run(t)
}

// TestRuntimeMeta: with --kubegen-runtime-meta the command writes kubegen's meta/v1 apply
// configurations, and the committed client/applyconfigurations/meta/v1 is up to date.
func TestRuntimeMeta(t *testing.T) {
	bin := golden.BuildCommand(t, "applyconfiguration-gen")
	out, err := exec.Command(bin, "--kubegen-runtime-meta", "--verify-only",
		"--output-dir", "../../client/applyconfigurations", "--output-pkg", "github.com/kubegen/kubegen/client/applyconfigurations",
		"k8s.io/apimachinery/pkg/apis/meta/v1").CombinedOutput()
	if err != nil {
		t.Fatalf("verify of client/applyconfigurations/meta/v1: %v\n%s", err, out)
	}
	out, err = exec.Command(bin, "--kubegen-runtime-meta", "--output-dir", t.TempDir(), "--output-pkg", "example.com/ac",
		"k8s.io/apimachinery/pkg/apis/meta/v1").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "not under --output-pkg example.com/ac") {
		t.Errorf("runtime meta/v1 outside kubegen's tree: err=%v, output:\n%s", err, out)
	}
}
