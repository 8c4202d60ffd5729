package golden

import (
	"errors"
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

func TestDeterministic(t *testing.T) {
	runs := 0
	flaky := func() []output.File {
		runs++
		return []output.File{{Path: "a.go", Content: []byte("package a // run " + string(rune('0'+runs)))}}
	}
	r := &recorder{TB: t}
	Deterministic(r, flaky)
	if len(r.errors) != 1 {
		t.Errorf("output differing between runs gave %d failures, want 1", len(r.errors))
	}
	r = &recorder{TB: t}
	Deterministic(r, func() []output.File { return []output.File{{Path: "a.go", Content: []byte("package a")}} })
	if len(r.errors) != 0 {
		t.Errorf("identical runs failed: %q", r.errors)
	}
}

func TestErrorFixtures(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "badtag"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "badtag", "error.golden"), []byte("badtag/v1/types.go:6: unknown tag\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := ErrorFixtures{Dir: dir}
	if names := f.Names(t); len(names) != 1 || names[0] != "badtag" {
		t.Fatalf("Names = %v", names)
	}
	abs, _ := filepath.Abs(dir)
	tests := []struct {
		msg   string
		fails int
	}{
		{"model: " + filepath.Join(abs, "badtag/v1/types.go") + ":6: unknown tag +x", 0},
		{"model: " + filepath.Join(abs, "badtag/v1/types.go") + ":7: unknown tag +x", 1},
	}
	for _, tc := range tests {
		r := &recorder{TB: t}
		f.Check(r, errors.New(tc.msg), "badtag")
		if len(r.errors) != tc.fails {
			t.Errorf("Check(%q): %d failures, want %d", tc.msg, len(r.errors), tc.fails)
		}
	}
}

func TestErrorMentions(t *testing.T) {
	r := &recorder{TB: t}
	ErrorMentions(r, errors.New("--output-dir is required\n--output-pkg is required"), "--output-dir", "--output-pkg", "--listers-pkg")
	if len(r.errors) != 1 {
		t.Errorf("%d failures, want 1 (for --listers-pkg)", len(r.errors))
	}
}
