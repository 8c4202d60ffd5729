//go:build golden

package clientgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/model"
)

// fixtureModel is the API model of the valid fixtures.
func fixtureModel(t *testing.T) *model.API {
	t.Helper()
	l := fixtures(t)
	api, err := BuildModel(l.Universe, inputsUnder(l, "apis/"), nil)
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	return api
}

// TestExampleKind checks which kind each fixture package's example shows, and what it does with it.
func TestExampleKind(t *testing.T) {
	api := fixtureModel(t)
	tests := []struct {
		version, kind, status string
		update                bool
	}{
		// Widget and Sprocket tie (readable, settable status, namespaced): the first by name wins.
		{"example.kubegen.io/v1", "Sprocket", "Status", false},
		// Not in the clientset (v1 is): served by the fake typed client.
		{"example.kubegen.io/v1beta1", "Widget", "Status", false},
		// No status: the example updates a label instead.
		{"core/v1", "Endpoints", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.version, func(t *testing.T) {
			v := findVersion(t, api, tc.version)
			k := exampleKind(v)
			if k == nil || k.Name != tc.kind {
				t.Fatalf("example kind %v, want %s", k, tc.kind)
			}
			d := layout{args: goldenArgs()}.exampleData(k, holdsVersion)
			status := ""
			if d.Status != nil {
				status = d.Status.Path
			}
			if status != tc.status || d.Update != tc.update || !d.Read {
				t.Errorf("status %q update %v read %v, want status %q update %v read true", status, d.Update, d.Read, tc.status, tc.update)
			}
		})
	}
}

// TestExampleStatusField checks the status field chosen per kind: Status itself when it is a
// string, the first scalar field of a status struct, nothing for noStatus or read-only kinds.
func TestExampleStatusField(t *testing.T) {
	api := fixtureModel(t)
	tests := []struct {
		version, kind, path, printed string
	}{
		{"example.kubegen.io/v1", "Widget", "Status.Replicas", "3"},
		{"example.kubegen.io/v1", "Sprocket", "Status", "Ready"},
		{"example.kubegen.io/v1", "Policy", "", ""}, // +genclient:noStatus
		{"example.kubegen.io/v1", "Gauge", "", ""},  // read-only, no status
		{"example.kubegen.io/v1beta1", "Widget", "Status", "Ready"},
	}
	for _, tc := range tests {
		t.Run(tc.version+"/"+tc.kind, func(t *testing.T) {
			k := findKind(t, findVersion(t, api, tc.version), tc.kind)
			s, ok := statusToSet(k)
			if ok != (tc.path != "") || s.Path != tc.path || (ok && s.printed() != tc.printed) {
				t.Errorf("status field %q = %q (%v), want %q = %q", s.Path, s.printed(), ok, tc.path, tc.printed)
			}
		})
	}
}

// TestExamplesOff checks that --examples=false, and --fake-clientset=false (examples run on the
// fake), write no example, and that a hand-written example_test.go is left in place.
func TestExamplesOff(t *testing.T) {
	api := fixtureModel(t)
	handWritten := goldenArgs()
	handWritten.OutputDir = t.TempDir()
	ownDir := filepath.Join(handWritten.OutputDir, "versioned/typed/core/v1")
	if err := os.MkdirAll(ownDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ownDir, exampleFile), []byte("package v1_test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	noExamples, noFakes := goldenArgs(), goldenArgs()
	noExamples.Examples = false
	noFakes.FakeClientset = false
	tests := []struct {
		name string
		args *Args
		want int
	}{
		{"defaults", goldenArgs(), 3},
		{"--examples=false", noExamples, 0},
		{"--fake-clientset=false", noFakes, 0},
		{"hand-written example in core/v1", handWritten, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			targets, err := Targets(api, tc.args, nil)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, tgt := range targets {
				if strings.HasSuffix(tgt.Path(), "_test") {
					n++
					if tgt.Dir() == ownDir {
						t.Errorf("an example target writes over the hand-written %s", filepath.Join(ownDir, exampleFile))
					}
				}
			}
			if n != tc.want {
				t.Errorf("%d example targets, want %d", n, tc.want)
			}
		})
	}
}

// TestGoldenExamplesRun runs the golden tree's examples with go test: every generated example must
// compile against its typed package, run on the fake clientset and print its // Output: lines.
func TestGoldenExamplesRun(t *testing.T) {
	var files []string
	for _, f := range generateFixture(t) {
		if filepath.Base(f.Path) == exampleFile {
			files = append(files, f.Path)
		}
	}
	if len(files) == 0 {
		t.Fatal("the fixtures produce no example")
	}
	out, err := exec.Command("go", "test", "-count=1", "-v", "-run", "^Example", "./"+goldenDir+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go test of the golden examples: %v\n%s", err, out)
	}
	funcs := regexp.MustCompile(`(?m)^func (Example\w+)\(\)`)
	for _, f := range files {
		content, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		m := funcs.FindSubmatch(content)
		if m == nil {
			t.Errorf("%s declares no example function", f)
			continue
		}
		if !strings.Contains(string(out), "--- PASS: "+string(m[1])+" ") {
			t.Errorf("%s: %s did not run and pass:\n%s", f, m[1], out)
		}
	}
}

func findVersion(t *testing.T, api *model.API, gv string) *model.Version {
	t.Helper()
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			if v.String() == gv {
				return v
			}
		}
	}
	t.Fatalf("no version %s in the fixtures", gv)
	return nil
}

func findKind(t *testing.T, v *model.Version, name string) *model.Kind {
	t.Helper()
	for _, k := range v.Kinds {
		if k.Name == name {
			return k
		}
	}
	t.Fatalf("no kind %s in %s", name, v)
	return nil
}
