package apistubs

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
)

// ClientsetPatterns are the packages of a generated clientset whose interfaces a release freezes: the
// clientset itself and every typed client (fakes, scheme, listers and informers are not part of it).
var ClientsetPatterns = []string{".", "./typed/..."}

// DefaultStubDir is where a clientset's release stubs live, relative to the clientset.
const DefaultStubDir = "stubs"

// Flags are the generator flags that cut a release stub after a clientset is generated.
type Flags struct {
	Release string
	Policy  string
	Force   bool
}

// AddFlags registers --interface-stubs, --stub-policy and --force-stubs.
func (f *Flags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.Release, "interface-stubs", f.Release,
		"cut a compile-checked stub of the clientset's interfaces for this release name into <clientset>/stubs (written once per release)")
	fs.StringVar(&f.Policy, "stub-policy", string(Strict),
		"what the release stub tolerates: strict (no added, removed or changed methods) or additive (added methods allowed)")
	fs.BoolVar(&f.Force, "force-stubs", false, "overwrite an existing release stub whose interfaces changed")
}

// Validate checks the flags before anything is generated.
func (f *Flags) Validate() error {
	if f.Release == "" {
		return nil
	}
	if err := ValidateRelease(f.Release); err != nil {
		return fmt.Errorf("--interface-stubs: %w", err)
	}
	if !Policy(f.Policy).Valid() {
		return fmt.Errorf("--stub-policy %q: want %s or %s", f.Policy, Strict, Additive)
	}
	return nil
}

// CutFor cuts the release stub of the clientset in clientsetDir, when a release was asked for. It
// returns the stub file's path and whether it was written.
func (f *Flags) CutFor(clientsetDir string) (string, bool, error) {
	if f.Release == "" {
		return "", false, nil
	}
	o := Options{Dir: clientsetDir, Patterns: ClientsetPatterns, StubDir: DefaultStubDir,
		Release: f.Release, Policy: Policy(f.Policy), Force: f.Force}
	wrote, err := Cut(o)
	return o.StubFile(), wrote, err
}

// DiffAPI is `kubegen diff-api`: it prints what changed in a clientset's interfaces since a release
// stub, and returns the exit code: 0 when the release's policy allows the changes, 1 when they break
// it, 2 for bad usage or a failure to load.
func DiffAPI(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("kubegen diff-api", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	release := fs.String("release", "", "release name of the stub to compare with (required)")
	stubDir := fs.String("stubs-dir", DefaultStubDir, "directory of the release stubs, relative to the clientset")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: kubegen diff-api --release NAME [--stubs-dir DIR] CLIENTSET_DIR\n\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *release == "" || fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	dir, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "kubegen diff-api:", err)
		return 2
	}
	rep, err := Diff(Options{Dir: dir, Patterns: ClientsetPatterns, StubDir: *stubDir, Release: *release})
	if err != nil {
		fmt.Fprintln(stderr, "kubegen diff-api:", err)
		return 2
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, rep.File); err == nil && !strings.HasPrefix(rel, "..") {
			rep.File = rel
		}
	}
	fmt.Fprint(stdout, rep)
	if rep.Breaking() {
		return 1
	}
	return 0
}

// CutStub is `kubegen cut-stub`: it cuts the release stub of an already generated clientset, without
// generating anything, and returns the exit code: 0 when the stub was written or still matches, 1 when
// the interfaces changed since the release (the error lists the methods), 2 for bad usage.
func CutStub(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("kubegen cut-stub", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f := Flags{}
	fs.StringVar(&f.Release, "release", "", "release name of the stub (required)")
	fs.StringVar(&f.Policy, "policy", string(Strict), "strict or additive")
	fs.BoolVar(&f.Force, "force", false, "overwrite an existing release stub whose interfaces changed")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: kubegen cut-stub --release NAME [--policy strict|additive] [--force] CLIENTSET_DIR\n\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if f.Release == "" || fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if err := f.Validate(); err != nil {
		fmt.Fprintln(stderr, "kubegen cut-stub:", err)
		return 2
	}
	path, wrote, err := f.CutFor(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "kubegen cut-stub:", err)
		if errors.Is(err, ErrReleaseChanged) {
			return 1
		}
		return 2
	}
	if wrote {
		fmt.Fprintf(stdout, "release stub %s written\n", path)
	} else {
		fmt.Fprintf(stdout, "release stub %s matches the clientset\n", path)
	}
	return 0
}
