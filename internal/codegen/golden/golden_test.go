package golden

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) { r.errors = append(r.errors, format) }
func (r *recorder) Helper()                           {}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.go"), filepath.Join(dir, "sub", "b.go")
	files := []output.File{{Path: a, Content: []byte("package a\n")}, {Path: b, Content: []byte("package b\n")}}
	Check(t, dir, files, true) // writes the tree

	tests := []struct {
		name  string
		files []output.File
		fails int
	}{
		{"identical", files, 0},
		{"changed", []output.File{files[0], {Path: b, Content: []byte("package c\n")}}, 1},
		{"extra on disk", files[:1], 1},
		{"missing on disk", append(files[:2:2], output.File{Path: filepath.Join(dir, "c.go"), Content: []byte("x")}), 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := &recorder{TB: t}
			Check(r, dir, tc.files, false)
			if len(r.errors) != tc.fails {
				t.Errorf("%d failures %q, want %d", len(r.errors), r.errors, tc.fails)
			}
		})
	}
	if _, err := os.Stat(b); err != nil {
		t.Fatalf("Check without update changed the tree: %v", err)
	}
}

func TestFirstDiff(t *testing.T) {
	got := FirstDiff([]byte("a\nb\nc"), []byte("a\nx\nc"))
	want := "line 2:\n  golden:    b\n  generated: x"
	if got != want {
		t.Errorf("FirstDiff = %q, want %q", got, want)
	}
	if got := FirstDiff([]byte("a"), []byte("a")); got != "(no line differs)" {
		t.Errorf("FirstDiff of equal input = %q", got)
	}
}
