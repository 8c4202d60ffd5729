package apistubs

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// Options name a clientset and one of its releases.
type Options struct {
	// Dir is the directory go/packages runs in (inside the clientset's module); "" means the current one.
	Dir string
	// Patterns select the clientset's live packages, e.g. "./pkg/clientset/...".
	Patterns []string
	// StubDir is the directory holding the release stubs, e.g. "pkg/clientset/stubs" (relative to Dir).
	StubDir string
	// Release names the release, e.g. "v1.2". It names the stub file and its identifiers.
	Release string
	// Policy is Strict or Additive (Cut only; Diff reads it from the stub file).
	Policy Policy
	// Force lets Cut overwrite a release stub whose interfaces have changed.
	Force bool
}

// ErrReleaseChanged is wrapped by Cut's error when a release stub exists and the live interfaces no
// longer match it.
var ErrReleaseChanged = errors.New("release stub exists and the interfaces changed since")

func (o *Options) stubDir() string {
	if filepath.IsAbs(o.StubDir) || o.Dir == "" {
		return o.StubDir
	}
	return filepath.Join(o.Dir, o.StubDir)
}

// StubFile is the path of the release's stub file.
func (o *Options) StubFile() string { return filepath.Join(o.stubDir(), FileName(o.Release)) }

// Cut writes the stub file of a release. A stub is written once: when the file already exists and the
// interfaces still match it, Cut leaves it as it is and reports wrote=false; when they no longer match,
// Cut refuses with an error listing the changed methods (wrapping ErrReleaseChanged) unless Force is set.
func Cut(o Options) (wrote bool, err error) {
	if err := ValidateRelease(o.Release); err != nil {
		return false, err
	}
	if !o.Policy.Valid() {
		return false, fmt.Errorf("unknown stub policy %q (want %s or %s)", o.Policy, Strict, Additive)
	}
	ifaces, err := loadLive(o.Dir, o.Patterns, "")
	if err != nil {
		return false, err
	}
	src, err := render(o.Release, o.Policy, ifaces)
	if err != nil {
		return false, err
	}
	file := o.StubFile()
	old, err := os.ReadFile(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return false, err
	case bytes.Equal(old, src):
		return false, nil
	case !o.Force:
		rep, derr := Diff(o)
		if derr != nil {
			return false, fmt.Errorf("%s: %w; and comparing them failed: %v", file, ErrReleaseChanged, derr)
		}
		if len(rep.Changes) == 0 {
			return false, nil
		}
		return false, fmt.Errorf("%s: %w (pass --force to overwrite the release stub):\n%s", file, ErrReleaseChanged, rep)
	}
	_, err = output.Write([]output.File{{Path: file, Content: src}}, false)
	return err == nil, err
}
