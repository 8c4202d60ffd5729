//go:build golden

package deepcopygen_test

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "rewrite the golden files from the generator's output")

const fixtures = "github.com/kubegen/kubegen/deepcopy-gen/testdata/"

// TestGolden regenerates the fixtures' zz_generated.deepcopy.go files and compares them with the
// committed ones (which the fixture packages compile with). go test -update rewrites them.
func TestGolden(t *testing.T) {
	loaded, err := output.Load([]string{"./testdata/shapes/...", "./testdata/optin"}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	job, err := deepcopygen.Job(loaded, deepcopygen.DefaultArgs())
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(job)
	if err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		rel, err := filepath.Rel(testdata, f.Path)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.ToSlash(rel))
	}
	want := []string{"optin/zz_generated.deepcopy.go", "shapes/other/zz_generated.deepcopy.go", "shapes/zz_generated.deepcopy.go"}
	if !slices.Equal(names, want) {
		t.Fatalf("generated %q, want %q", names, want)
	}
	if *update {
		if _, err := output.Write(files, false); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, f := range files {
		golden, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if string(golden) != string(f.Content) {
			t.Errorf("%s is stale (go test -update rewrites it):\n%s", f.Path, firstDifference(string(golden), string(f.Content)))
		}
	}
	again, err := output.Generate(job)
	if err != nil || !slices.EqualFunc(files, again, func(a, b output.File) bool { return string(a.Content) == string(b.Content) }) {
		t.Errorf("a second run over the same load differs (err %v)", err)
	}
}

func TestOptInGeneratesOnlyTaggedTypes(t *testing.T) {
	b, err := os.ReadFile("testdata/optin/zz_generated.deepcopy.go")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for _, want := range []string{"func (in *Chosen) DeepCopyInto", "func (in ChosenMap) DeepCopy()"} {
		if !strings.Contains(src, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(src, "Ignored") {
		t.Errorf("generated methods for the untagged type Ignored")
	}
}

// TestErrors runs deepcopy-gen on each package under testdata/errors and compares the messages
// (file:line included) with testdata/errors.golden. Nothing may be written for any of them.
func TestErrors(t *testing.T) {
	loaded, err := output.Load([]string{"./testdata/errors/..."}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	for _, pkg := range loaded.Inputs {
		if strings.HasSuffix(pkg, "/dep") {
			continue
		}
		name := strings.TrimPrefix(pkg, fixtures+"errors/")
		sub, err := loaded.Subset(pkg)
		if err != nil {
			t.Fatal(err)
		}
		err = runJob(sub, deepcopygen.DefaultArgs())
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if _, statErr := os.Stat(filepath.Join("testdata/errors", name, "zz_generated.deepcopy.go")); statErr == nil {
			t.Errorf("%s: a file was written despite the error", name)
		}
		fmt.Fprintf(&report, "== %s\n%s\n", name, strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), ""))
	}
	compareGolden(t, "testdata/errors.golden", report.String())
}

func runJob(loaded *output.Loaded, args *deepcopygen.Args) error {
	job, err := deepcopygen.Job(loaded, args)
	if err != nil {
		return err
	}
	_, err = output.Run(false, job)
	return err
}

func TestNothingToGenerate(t *testing.T) {
	_, err := deepcopygen.Run([]string{fixtures + "errors/nothing"}, output.LoadOptions{}, deepcopygen.DefaultArgs())
	if !errors.Is(err, deepcopygen.ErrNothingToGenerate) {
		t.Fatalf("err = %v, want ErrNothingToGenerate", err)
	}
}

// TestBoundingDirs: a type of a package outside the run is trusted to have a generated
// DeepCopyInto only when its package is under --bounding-dirs.
func TestBoundingDirs(t *testing.T) {
	loaded, err := output.Load([]string{fixtures + "errors/foreign"}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	args := deepcopygen.DefaultArgs()
	args.BoundingDirs = []string{fixtures + "errors/foreign"} // a prefix of .../foreign/dep
	job, err := deepcopygen.Job(loaded, args)
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(job)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || !strings.Contains(string(files[0].Content), "in.Dep.DeepCopyInto(&out.Dep)") {
		t.Fatalf("want one file calling Dep's DeepCopyInto, got %d files", len(files))
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s is stale (go test -update rewrites it):\n%s", path, firstDifference(string(want), got))
	}
}

// firstDifference shows the first differing line of two texts with some context.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  golden:    %q\n  generated: %q", i+1, w, g)
		}
	}
	return "(no line differs)"
}

// TestFixturesCompile type-checks and vets every fixture package, generated files included.
func TestFixturesCompile(t *testing.T) {
	cmd := exec.Command("go", "vet", "./testdata/shapes/...", "./testdata/optin", "./testdata/errors/...")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the fixtures: %v\n%s", err, out)
	}
}
