//go:build golden

package apistubs

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden stub files")

// fixture copies the fixture clientset module into a temp dir and returns its path.
func fixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", "clientset")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func options(dir string, policy Policy) Options {
	return Options{Dir: dir, Patterns: []string{"./..."}, StubDir: "stubs", Release: "v1.0", Policy: policy}
}

// edit replaces old with new in a fixture file, failing when old is absent.
func edit(t *testing.T, dir, old, new string) {
	t.Helper()
	p := filepath.Join(dir, "typed", "things", "v1", "thing.go")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("fixture has no %q", old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// vet runs `go vet` on the stub package and returns its output and whether it passed.
func vet(t *testing.T, dir string) (string, bool) {
	t.Helper()
	cmd := exec.Command("go", "vet", "./stubs/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

func TestGolden(t *testing.T) {
	for _, policy := range []Policy{Strict, Additive} {
		t.Run(string(policy), func(t *testing.T) {
			dir := fixture(t)
			o := options(dir, policy)
			if wrote, err := Cut(o); err != nil || !wrote {
				t.Fatalf("Cut = %v, %v; want a new stub", wrote, err)
			}
			got, err := os.ReadFile(o.StubFile())
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", string(policy)+".go.golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("stub differs from %s; rerun with -update and review the diff", golden)
			}
			if out, ok := vet(t, dir); !ok {
				t.Fatalf("fresh stub does not compile:\n%s", out)
			}
			// An unchanged regeneration leaves the file alone and still compiles.
			if wrote, err := Cut(o); err != nil || wrote {
				t.Fatalf("second Cut = %v, %v; want no write, no error", wrote, err)
			}
		})
	}
}

// The drifts a release stub must catch, and whether each breaks each policy.
var drifts = []struct {
	name, old, new string
	kind           ChangeKind
	method         string
	breaksAdditive bool
	vetMentions    []string
	// interfaces whose method changes: the one declaring it and those embedding it.
	interfaces []string
	policies   []Policy
}{
	{"remove method", "\tDelete(ctx context.Context, name string) error\n", "", Removed, "Delete", true,
		[]string{"missing method Delete", "ThingInterface"}, []string{"thingsv1.ThingInterface"}, []Policy{Strict, Additive}},
	{"change parameter type", "Get(ctx context.Context, name string, opts GetOptions)", "Get(ctx context.Context, name []byte, opts GetOptions)", Changed, "Get", true,
		[]string{"wrong type for method Get", "ThingInterface"}, []string{"thingsv1.ThingInterface"}, []Policy{Strict}},
	{"change return type", "Create(ctx context.Context, thing *Thing) (*Thing, error)", "Create(ctx context.Context, thing *Thing) (Thing, error)", Changed, "Create", true,
		[]string{"wrong type for method Create", "ThingInterface"}, []string{"thingsv1.ThingInterface"}, []Policy{Strict, Additive}},
	{"change variadic", "selectors ...string", "selectors []string", Changed, "List", true,
		[]string{"wrong type for method List"}, []string{"thingsv1.ThingInterface"}, []Policy{Strict}},
	{"change embedded method", "Rename(ctx context.Context, from, to string) error", "Rename(ctx context.Context, from string) error", Changed, "Rename", true,
		[]string{"wrong type for method Rename"}, []string{"thingsv1.ThingExpansion", "thingsv1.ThingInterface"}, []Policy{Strict}},
	{"add method", "\tThingExpansion\n", "\tThingExpansion\n\tWatch(ctx context.Context) error\n", Added, "Watch", false,
		[]string{"missing method Watch", "ThingInterface"}, []string{"thingsv1.ThingInterface"}, []Policy{Strict, Additive}},
}

func TestDriftBreaksTheBuild(t *testing.T) {
	for _, d := range drifts {
		for _, policy := range d.policies {
			t.Run(d.name+"/"+string(policy), func(t *testing.T) {
				dir := fixture(t)
				o := options(dir, policy)
				if _, err := Cut(o); err != nil {
					t.Fatal(err)
				}
				edit(t, dir, d.old, d.new)
				out, ok := vet(t, dir)
				wantBreak := policy == Strict || d.breaksAdditive
				if ok == wantBreak {
					t.Fatalf("go vet passed=%v, want passed=%v; output:\n%s", ok, !wantBreak, out)
				}
				if wantBreak {
					for _, m := range d.vetMentions {
						if !strings.Contains(out, m) {
							t.Errorf("compile error does not mention %q:\n%s", m, out)
						}
					}
				}

				rep, err := Diff(o)
				if err != nil {
					t.Fatal(err)
				}
				if len(rep.Changes) != len(d.interfaces) {
					t.Fatalf("Diff found %d changes, want %d:\n%s", len(rep.Changes), len(d.interfaces), rep)
				}
				for i, c := range rep.Changes {
					if c.Kind != d.kind || c.Method != d.method || c.Interface != d.interfaces[i] {
						t.Errorf("change = %s %s.%s, want %s %s.%s", c.Kind, c.Interface, c.Method, d.kind, d.interfaces[i], d.method)
					}
					if c.Pos.Line == 0 || c.Pos.Filename == "" {
						t.Errorf("change has no file:line: %+v", c.Pos)
					}
				}
				if rep.Breaking() != wantBreak {
					t.Errorf("Breaking() = %v, want %v", rep.Breaking(), wantBreak)
				}

				// Cutting the same release again refuses, naming the method, unless forced.
				_, err = Cut(o)
				if !errors.Is(err, ErrReleaseChanged) || !strings.Contains(err.Error(), d.method) {
					t.Fatalf("re-cut error = %v; want ErrReleaseChanged naming %s", err, d.method)
				}
				o.Force = true
				if wrote, err := Cut(o); err != nil || !wrote {
					t.Fatalf("forced Cut = %v, %v", wrote, err)
				}
				if out, ok := vet(t, dir); !ok {
					t.Fatalf("forced stub does not compile:\n%s", out)
				}
			})
		}
	}
}

func TestDiffReportsAddedAndRemovedInterfaces(t *testing.T) {
	dir := fixture(t)
	o := options(dir, Strict)
	if _, err := Cut(o); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "// ThingExpansion holds", "// Watcher is new.\ntype Watcher interface{ Stop() }\n\n// ThingExpansion holds")
	edit(t, dir, "type ThingsGetter interface", "type ThingsGetterRenamed interface")
	edit(t, dir, "\tThingsGetter\n", "\tThingsGetterRenamed\n")
	rep, err := Diff(o)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ChangeKind{}
	for _, c := range rep.Changes {
		if c.Method == "" {
			got[c.Interface] = c.Kind
		}
	}
	want := map[string]ChangeKind{
		"thingsv1.Watcher":             AddedInterface,
		"thingsv1.ThingsGetterRenamed": AddedInterface,
		"thingsv1.ThingsGetter":        RemovedInterface,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q\n%s", k, got[k], v, rep)
		}
	}
	if !rep.Breaking() {
		t.Errorf("a removed interface must be breaking")
	}
}

func TestDiffWithoutStub(t *testing.T) {
	dir := fixture(t)
	if err := os.MkdirAll(filepath.Join(dir, "stubs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "stubs", "doc.go"), []byte("package stubs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Diff(options(dir, Strict))
	if err == nil || !strings.Contains(err.Error(), "no stub file") {
		t.Fatalf("Diff error = %v, want 'no stub file'", err)
	}
}

func TestDiffAPICommand(t *testing.T) {
	dir := fixture(t)
	f := Flags{Release: "v1.0", Policy: string(Strict)}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	// The fixture's clientset is its module root, with typed clients under ./typed/...
	path, wrote, err := f.CutFor(dir)
	if err != nil || !wrote || filepath.Base(path) != "v1.0_test.go" {
		t.Fatalf("CutFor = %s, %v, %v", path, wrote, err)
	}
	var out, errOut bytes.Buffer
	if code := CutStub([]string{"--release", "v1.0", dir}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "matches") {
		t.Fatalf("cut-stub over an unchanged clientset: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if code := DiffAPI([]string{"--release", "v1.0", dir}, &out, &errOut); code != 0 {
		t.Fatalf("unchanged clientset: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "0 change(s), compatible") {
		t.Errorf("unchanged report:\n%s", out.String())
	}
	edit(t, dir, "\tThingExpansion\n", "\tThingExpansion\n\tWatch(ctx context.Context) error\n")
	out.Reset()
	if code := DiffAPI([]string{"--release", "v1.0", dir}, &out, &errOut); code != 1 {
		t.Fatalf("added method under strict: exit %d, want 1\n%s", code, out.String())
	}
	for _, want := range []string{"added", "thingsv1.ThingInterface.Watch", "typed/things/v1/thing.go:", "now  Watch(ctx context.Context) error", "[breaks strict]"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if code := CutStub([]string{"--release", "v1.0", dir}, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "Watch") {
		t.Errorf("cut-stub over a changed clientset: exit %d, want 1 naming Watch\n%s", code, errOut.String())
	}
	if code := DiffAPI([]string{dir}, &out, &errOut); code != 2 {
		t.Errorf("missing --release: exit %d, want 2", code)
	}
	if err := (&Flags{Release: "v1", Policy: "lax"}).Validate(); err == nil {
		t.Error("bad policy accepted")
	}
}
