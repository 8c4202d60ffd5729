//go:build golden

package clientgen

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "regenerate the golden files under testdata/golden")

const (
	fixturePkg = "github.com/kubegen/kubegen/client-gen/testdata"
	goldenDir  = "testdata/golden"
)

// fixtures loads every fixture package (valid and broken) in one package load, once for all tests.
var fixtures = golden.Fixtures("./testdata/apis/...", "./testdata/errors/...")

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
	l, err := fixtures(t).Subset(inputsUnder(fixtures(t), "apis/")...)
	if err != nil {
		t.Fatal(err)
	}
	return golden.Generate(t, l, goldenArgs().generator())
}

// TestGolden compares the generated clients of the fixtures with testdata/golden, file by file,
// and fails on any missing, extra or different file. Run with -update to regenerate.
func TestGolden(t *testing.T) {
	golden.Check(t, goldenDir, generateFixture(t), *update)
}

// TestGenerationIsDeterministic generates twice and requires byte-identical output.
func TestGenerationIsDeterministic(t *testing.T) {
	golden.Deterministic(t, func() []output.File { return generateFixture(t) })
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

// goldenApplyDir holds the clients generated with --apply-configuration-package, against the apply
// configurations applyconfiguration-gen's golden test generates for these same fixtures.
const (
	goldenApplyDir    = "testdata/goldenapply"
	goldenApplyConfig = "github.com/kubegen/kubegen/applyconfiguration-gen/testdata/golden"
)

func generateApplyFixture(t *testing.T) []output.File {
	t.Helper()
	l, err := fixtures(t).Subset(inputsUnder(fixtures(t), "apis/")...)
	if err != nil {
		t.Fatal(err)
	}
	a := goldenArgs()
	a.OutputDir, a.OutputPkg = goldenApplyDir, fixturePkg+"/goldenapply"
	a.ApplyConfigurationPackage = goldenApplyConfig
	return golden.Generate(t, l, a.generator())
}

// TestGoldenApply is TestGolden with --apply-configuration-package: typed clients and fakes whose
// Apply, ApplyStatus and subresource apply methods take generated apply configurations.
func TestGoldenApply(t *testing.T) {
	golden.Check(t, goldenApplyDir, generateApplyFixture(t), *update)
}

// TestGoldenApplyCompiles builds and vets the clients generated with apply configurations.
func TestGoldenApplyCompiles(t *testing.T) {
	golden.Compiles(t, goldenApplyDir)
}

// TestGoldenApplyDiffers guards the fixture's point: with the flag, the apply methods take apply
// configurations from the given package; without it, they do not.
func TestGoldenApplyDiffers(t *testing.T) {
	uses := func(files []output.File) bool {
		for _, f := range files {
			if strings.Contains(string(f.Content), goldenApplyConfig+"/example/v1\"") {
				return true
			}
		}
		return false
	}
	if !uses(generateApplyFixture(t)) {
		t.Error("clients generated with --apply-configuration-package do not import the apply configurations")
	}
	if uses(generateFixture(t)) {
		t.Error("clients generated without --apply-configuration-package import apply configurations")
	}
}
