package golden

import (
	"bytes"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// Year is the year in the headers of golden files, so that they do not change with the calendar.
const Year = 2026

// Fixtures returns a loader of the packages matched by patterns: the first call loads them, every
// later call (from any test of the binary) returns that same load. A failed load fails the test.
func Fixtures(patterns ...string) func(testing.TB) *output.Loaded {
	var (
		once   sync.Once
		loaded *output.Loaded
		err    error
	)
	return func(t testing.TB) *output.Loaded {
		t.Helper()
		once.Do(func() { loaded, err = output.Load(patterns, output.LoadOptions{}) })
		if err != nil {
			t.Fatalf("loading fixtures %v: %v", patterns, err)
		}
		return loaded
	}
}

// Generate runs g over the inputs of l, in memory, with the golden header (no boilerplate, year
// Year), and returns the files. Any error fails the test.
func Generate(t testing.TB, l *output.Loaded, g codegen.Generator) []output.File {
	t.Helper()
	job, err := g.JobWithHeader(l, output.FormatHeader(nil, g.Tool, Year))
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(job)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return files
}

// Deterministic calls generate twice and fails unless both runs give the same files, byte for
// byte, in the same order.
func Deterministic(t testing.TB, generate func() []output.File) {
	t.Helper()
	a, b := generate(), generate()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Content, b[i].Content) {
			t.Errorf("%s differs between runs", a[i].Path)
		}
	}
}

// Compiles runs go build and go vet over the packages under dir (relative to the test's
// directory): generated code must compile against the runtime it targets.
func Compiles(t testing.TB, dir string) {
	t.Helper()
	for _, args := range [][]string{{"build", "./" + dir + "/..."}, {"vet", "./" + dir + "/..."}} {
		if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
