package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommand runs the built command the way a Makefile does: generate, verify (clean), break one
// file, verify (fails naming it), and a fixture with a bad tag (fails naming file:line, writes
// nothing).
func TestCommand(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "informer-gen")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out := t.TempDir()
	fixtures := "../../client-gen/testdata"
	run := func(dir string, args ...string) (string, error) {
		flags := []string{"--output-dir", dir, "--output-pkg", "example.com/out/informers",
			"--versioned-clientset-pkg", "example.com/out/versioned", "--listers-pkg", "example.com/out/listers"}
		b, err := exec.Command(bin, append(flags, args...)...).CombinedOutput()
		return string(b), err
	}
	if msg, err := run(out, fixtures+"/apis/..."); err != nil {
		t.Fatalf("generate: %v\n%s", err, msg)
	}
	if msg, err := run(out, "--verify-only", fixtures+"/apis/..."); err != nil {
		t.Fatalf("verify right after generating: %v\n%s", err, msg)
	}
	factory := filepath.Join(out, "factory.go")
	if err := os.Remove(factory); err != nil {
		t.Fatal(err)
	}
	if msg, err := run(out, "--verify-only", fixtures+"/apis/..."); err == nil || !strings.Contains(msg, "missing: "+factory) {
		t.Errorf("verify of a removed file: err=%v, output:\n%s", err, msg)
	}

	bad := t.TempDir()
	msg, err := run(bad, fixtures+"/errors/unknowntag/...")
	if err == nil || !strings.Contains(msg, "unknowntag/v1/types.go:6: unknown tag +genclient:frobnicate") {
		t.Errorf("bad tag: err=%v, output:\n%s", err, msg)
	}
	if entries, _ := os.ReadDir(bad); len(entries) != 0 {
		t.Errorf("a failed run wrote %d entries", len(entries))
	}
}
