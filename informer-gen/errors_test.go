package informergen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

const errorsDir = "../client-gen/testdata/errors"

// errorCases are client-gen's broken fixtures: each directory holds an error.golden with the
// model's file:line error (paths relative to errorsDir).
func errorCases(t *testing.T) (names []string, abs string) {
	t.Helper()
	entries, err := os.ReadDir(errorsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if abs, err = filepath.Abs(errorsDir); err != nil {
		t.Fatal(err)
	}
	return names, abs
}

func checkError(t *testing.T, err error, abs, name string) {
	t.Helper()
	want, rerr := os.ReadFile(filepath.Join(errorsDir, name, "error.golden"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), "")
	if !strings.Contains(got, strings.TrimSpace(string(want))) {
		t.Errorf("error:\n%s\nwant it to contain:\n%s", got, want)
	}
}

// TestErrors builds informer-gen's job over each broken fixture (one shared load): every bad tag
// fails with the model's file:line error.
func TestErrors(t *testing.T) {
	names, abs := errorCases(t)
	l, err := output.Load([]string{errorsDir + "/..."}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			var inputs []string
			for _, in := range l.Inputs {
				if strings.Contains(in, "/testdata/errors/"+name+"/") {
					inputs = append(inputs, in)
				}
			}
			if len(inputs) == 0 {
				t.Fatalf("fixture %s not loaded", name)
			}
			_, err := job(l, inputs, outArgs(t.TempDir()))
			checkError(t, err, abs, name)
		})
	}
}

// TestRunErrorsWriteNothing runs informer-gen as the command does over broken fixtures: it fails
// with the file:line error and writes nothing.
func TestRunErrorsWriteNothing(t *testing.T) {
	_, abs := errorCases(t)
	for _, name := range []string{"unknowntag", "notagged"} {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			_, err := Run([]string{errorsDir + "/" + name + "/..."}, outArgs(out))
			checkError(t, err, abs, name)
			if files := golden.Files(t, out); len(files) > 0 {
				t.Errorf("wrote %v despite the error", files)
			}
		})
	}
}

// TestArgsErrors checks that missing or malformed flags are reported, all at once.
func TestArgsErrors(t *testing.T) {
	tests := []struct {
		name string
		args Args
		want []string
	}{
		{"nothing", Args{}, []string{"--output-dir is required", "--output-pkg is required", "--versioned-clientset-pkg is required", "--listers-pkg is required"}},
		{"bad plural", Args{OutputDir: "d", OutputPkg: "p", VersionedClientsetPkg: "c", ListersPkg: "l", PluralExceptions: []string{"Foo"}}, []string{"--plural-exceptions"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run([]string{"./testdata/none"}, &tc.args)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func outArgs(dir string) *Args {
	return &Args{OutputDir: dir, OutputPkg: "example.com/out/informers", VersionedClientsetPkg: "example.com/out/clientset", ListersPkg: "example.com/out/listers"}
}
