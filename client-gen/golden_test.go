package clientgen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "regenerate the golden files under testdata/golden")

const (
	fixturePkg = "github.com/kubegen/kubegen/client-gen/testdata"
	goldenDir  = "testdata/golden"
)

var (
	loadOnce sync.Once
	loaded   *output.Loaded
	loadErr  error
)

// fixtures loads every fixture package (valid and broken) in one package load.
func fixtures(t *testing.T) *output.Loaded {
	t.Helper()
	loadOnce.Do(func() {
		loaded, loadErr = output.Load([]string{"./testdata/apis/...", "./testdata/errors/..."}, output.LoadOptions{})
	})
	if loadErr != nil {
		t.Fatalf("loading fixtures: %v", loadErr)
	}
	return loaded
}

func inputsUnder(l *output.Loaded, prefix string) []string {
	var out []string
	for _, in := range l.Inputs {
		if strings.HasPrefix(in, fixturePkg+"/"+prefix) {
			out = append(out, in)
		}
	}
	return out
}

func goldenArgs() *Args {
	a := DefaultArgs()
	a.OutputDir = goldenDir
	a.OutputPkg = fixturePkg + "/golden"
	a.PrefersProtobuf = true
	return a
}

// generateFixture runs client-gen over the valid fixtures and returns the files, in memory.
func generateFixture(t *testing.T) []output.File {
	t.Helper()
	l := fixtures(t)
	api, err := BuildModel(l.Universe, inputsUnder(l, "apis/"), nil)
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	targets, err := Targets(api, goldenArgs(), output.FormatHeader(nil, Tool, 2026))
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(output.Job{Context: l.NewContext(nil, ""), Targets: targets})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return files
}

// TestGolden compares the generated clients of the fixtures with testdata/golden, file by file,
// and fails on any missing, extra or different file. Run with -update to regenerate.
func TestGolden(t *testing.T) {
	files := generateFixture(t)
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
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
			t.Errorf("%s differs from the generated output (run go test -update):\n%s", f.Path, firstDiff(got, f.Content))
		}
	}
	for _, extra := range goldenFiles(t) {
		if !want[extra] {
			t.Errorf("%s is in the golden tree but no longer generated", extra)
		}
	}
}

func goldenFiles(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir(goldenDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  golden:    " + x + "\n  generated: " + y
		}
	}
	return "(no line differs)"
}

// TestGenerationIsDeterministic generates twice and requires byte-identical output.
func TestGenerationIsDeterministic(t *testing.T) {
	a, b := generateFixture(t), generateFixture(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Content, b[i].Content) {
			t.Errorf("%s differs between runs", a[i].Path)
		}
	}
}

// TestErrors runs client-gen's model over each broken fixture and compares the error with the
// fixture's error.golden (paths relative to testdata/errors).
func TestErrors(t *testing.T) {
	l := fixtures(t)
	cases, err := os.ReadDir("testdata/errors")
	if err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs("testdata/errors")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			inputs := inputsUnder(l, "errors/"+c.Name()+"/")
			if len(inputs) == 0 {
				t.Fatalf("fixture %s not loaded", c.Name())
			}
			_, err := BuildModel(l.Universe, inputs, nil)
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), "") + "\n"
			golden := filepath.Join("testdata/errors", c.Name(), "error.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
