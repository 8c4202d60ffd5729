package output_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// TestAllOrNothing (issue 10, item 10) fails a transaction at every step of its commit, after some
// files are already renamed into place or removed, and checks that the tree is then exactly as
// before: originals back, new files and new directories gone, no temporary file left.
func TestAllOrNothing(t *testing.T) {
	const steps = 5 // three writes (one replacing, two new) and two removals
	for n := 1; n <= steps+1; n++ {
		dir := t.TempDir()
		golden.WriteFile(t, filepath.Join(dir, "a.go"), "package a // old\n")
		golden.WriteFile(t, filepath.Join(dir, "stale1.go"), "package a // stale\n")
		golden.WriteFile(t, filepath.Join(dir, "gone", "v1", "stale2.go"), "package v1 // stale\n")
		if err := os.Chmod(filepath.Join(dir, "a.go"), 0o600); err != nil {
			t.Fatal(err)
		}
		files := []output.File{
			{Path: filepath.Join(dir, "a.go"), Content: []byte("package a // new\n")},
			{Path: filepath.Join(dir, "b.go"), Content: []byte("package a // b\n")},
			{Path: filepath.Join(dir, "new", "deep", "c.go"), Content: []byte("package deep\n")},
		}
		stale := []string{filepath.Join(dir, "stale1.go"), filepath.Join(dir, "gone", "v1", "stale2.go")}
		before := golden.Snapshot(t, dir)
		output.FailCommitStep(t, n)
		err := output.Apply(files, stale, func(d string) bool { return d != dir })
		after := golden.Snapshot(t, dir)
		if n > steps {
			if err != nil {
				t.Fatalf("no failure injected: %v", err)
			}
			for _, f := range files {
				if got := after[f.Path]; !strings.HasSuffix(got, "\n"+string(f.Content)) {
					t.Errorf("%s = %q, want %q", f.Path, got, f.Content)
				}
			}
			for _, p := range append(stale, filepath.Join(dir, "gone")) {
				if _, ok := after[p]; ok {
					t.Errorf("%s was not removed", p)
				}
			}
			if len(after) != 6 { // dir, a.go, b.go, new, new/deep, new/deep/c.go
				t.Errorf("after success the tree holds %v", slices.Sorted(maps.Keys(after)))
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "injected failure") {
			t.Fatalf("failing commit step %d: err = %v", n, err)
		}
		t.Logf("commit step %d failed: %v", n, err)
		golden.CompareSnapshots(t, before, after)
	}
}

// TestAllOrNothingStaging fails while staging (a directory cannot be made where a file is) and
// checks that nothing is left: neither temporary files nor the directories made before.
func TestAllOrNothingStaging(t *testing.T) {
	dir := t.TempDir()
	golden.WriteFile(t, filepath.Join(dir, "a.go"), "package a // old\n")
	golden.WriteFile(t, filepath.Join(dir, "blocker"), "not a directory\n")
	before := golden.Snapshot(t, dir)
	files := []output.File{
		{Path: filepath.Join(dir, "a.go"), Content: []byte("package a // new\n")},
		{Path: filepath.Join(dir, "x", "y", "b.go"), Content: []byte("package y\n")},
		{Path: filepath.Join(dir, "blocker", "c.go"), Content: []byte("package blocker\n")},
	}
	err := output.Apply(files, nil, func(string) bool { return false })
	if err == nil || !strings.Contains(err.Error(), "blocker is not a directory") {
		t.Fatalf("err = %v, want it to name the file in the way", err)
	}
	golden.CompareSnapshots(t, before, golden.Snapshot(t, dir))
}
