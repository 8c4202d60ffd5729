// Package golden compares generated files with a committed golden tree, for generator tests: a
// missing, extra or different file fails the test, and -update style regeneration rewrites the
// tree from the generator's output (never by hand).
//
// Beyond the comparison it holds what every generator's tests share: a fixture load made once per
// test binary (Fixtures), in-memory generation with a fixed header (Generate), the determinism and
// compile checks of generated trees, and the checks of the broken-tag fixtures' file:line errors.
//
// Layer: generator test plumbing (internal/codegen). It may import the codegen and output
// packages and the standard library.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// Check compares files, whose paths are under dir, with the files on disk under dir. With update
// it first replaces dir with files.
func Check(t testing.TB, dir string, files []output.File, update bool) {
	t.Helper()
	if update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if _, err := output.Write(files, false); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{}
	for _, f := range files {
		want[f.Path] = true
		got, err := os.ReadFile(f.Path)
		if err != nil {
			t.Errorf("golden file missing (run go test -update): %v", err)
			continue
		}
		if !bytes.Equal(got, f.Content) {
			t.Errorf("%s differs from the generated output (run go test -update):\n%s", f.Path, FirstDiff(got, f.Content))
		}
	}
	for _, p := range Files(t, dir) {
		if !want[p] {
			t.Errorf("%s is in the golden tree but no longer generated", p)
		}
	}
}

// Files lists the files under dir, sorted.
func Files(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// FirstDiff describes the first line at which golden and generated differ.
func FirstDiff(golden, generated []byte) string {
	a, b := strings.Split(string(golden), "\n"), strings.Split(string(generated), "\n")
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  golden:    " + x + "\n  generated: " + y
		}
	}
	return "(no line differs)"
}
