package informergen

import (
	"bytes"
	"flag"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/golden"
	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

var update = flag.Bool("update", false, "regenerate the golden files under testdata/golden")

// The fixtures are client-gen's; the informers use client-gen's golden clientset and lister-gen's
// golden listers, and must compile together with them.
const (
	fixtures  = "../client-gen/testdata/apis/..."
	goldenDir = "testdata/golden/informers"
	goldenPkg = "github.com/kubegen/kubegen/informer-gen/testdata/golden/informers"
)

func goldenArgs(dir string) *Args {
	return &Args{
		OutputDir:             dir,
		OutputPkg:             goldenPkg,
		VersionedClientsetPkg: "github.com/kubegen/kubegen/client-gen/testdata/golden/versioned",
		ListersPkg:            "github.com/kubegen/kubegen/lister-gen/testdata/golden/listers",
		IncludeAlpha:          true,
	}
}

var (
	loadOnce sync.Once
	loaded   *output.Loaded
	loadErr  error
)

func load(t *testing.T) *output.Loaded {
	t.Helper()
	loadOnce.Do(func() { loaded, loadErr = output.Load([]string{fixtures}, output.LoadOptions{}) })
	if loadErr != nil {
		t.Fatalf("loading fixtures: %v", loadErr)
	}
	return loaded
}

// generate runs informer-gen over the fixtures, in memory, with a fixed year in the header.
func generate(t *testing.T) []output.File {
	t.Helper()
	l := load(t)
	api, err := model.Build(l.Universe, l.Inputs, model.Options{Plurals: naming.NewPluralizer(nil)})
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	targets, err := Targets(api, goldenArgs(goldenDir), output.FormatHeader(nil, Tool, 2026))
	if err != nil {
		t.Fatal(err)
	}
	files, err := output.Generate(output.Job{Context: l.NewContext(nil, ""), Targets: targets})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return files
}

// TestGolden compares the informers of the fixtures with testdata/golden; -update regenerates them.
func TestGolden(t *testing.T) {
	golden.Check(t, goldenDir, generate(t), *update)
}

// TestDeterministic generates twice and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	a, b := generate(t), generate(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Content, b[i].Content) {
			t.Errorf("%s differs between runs", a[i].Path)
		}
	}
}

// TestGoldenCompiles builds and vets the golden informers with the clients and listers they use.
func TestGoldenCompiles(t *testing.T) {
	for _, args := range [][]string{{"build", "./" + goldenDir + "/..."}, {"vet", "./" + goldenDir + "/..."}} {
		if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
			t.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}
