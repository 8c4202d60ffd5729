package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// ErrorFixtures are directories of broken API packages, one per case, each with an error.golden
// holding the model's file:line error (paths relative to Dir).
type ErrorFixtures struct {
	// Dir holds one directory per case.
	Dir string
}

// Names lists the cases, sorted.
func (f ErrorFixtures) Names(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Check fails unless err contains case name's error.golden, once the absolute path of Dir is cut
// from it.
func (f ErrorFixtures) Check(t testing.TB, err error, name string) {
	t.Helper()
	want, rerr := os.ReadFile(filepath.Join(f.Dir, name, "error.golden"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	if err == nil {
		t.Fatal("no error")
	}
	abs, aerr := filepath.Abs(f.Dir)
	if aerr != nil {
		t.Fatal(aerr)
	}
	got := strings.ReplaceAll(err.Error(), abs+string(filepath.Separator), "")
	if !strings.Contains(got, strings.TrimSpace(string(want))) {
		t.Errorf("error:\n%s\nwant it to contain:\n%s", got, want)
	}
}

// CheckJobs loads every case in one package load and, for each, calls job on a view of the load
// restricted to that case's packages: each must fail with the case's error.
func (f ErrorFixtures) CheckJobs(t *testing.T, job func(*output.Loaded) error) {
	l, err := output.Load([]string{f.Dir + "/..."}, output.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range f.Names(t) {
		t.Run(name, func(t *testing.T) {
			var inputs []string
			for _, in := range l.Inputs {
				if strings.Contains(in, "/"+filepath.Base(f.Dir)+"/"+name+"/") {
					inputs = append(inputs, in)
				}
			}
			if len(inputs) == 0 {
				t.Fatalf("fixture %s not loaded", name)
			}
			sub, err := l.Subset(inputs...)
			if err != nil {
				t.Fatal(err)
			}
			f.Check(t, job(sub), name)
		})
	}
}

// CheckRuns runs a whole generator, as its command does, over each of the named cases with a
// fresh output directory: each must fail with the case's error and write nothing.
func (f ErrorFixtures) CheckRuns(t *testing.T, names []string, run func(patterns []string, outDir string) error) {
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			f.Check(t, run([]string{f.Dir + "/" + name + "/..."}, out), name)
			if files := Files(t, out); len(files) > 0 {
				t.Errorf("wrote %v despite the error", files)
			}
		})
	}
}

// ErrorMentions fails unless err is an error whose message contains every one of want.
func ErrorMentions(t testing.TB, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}
