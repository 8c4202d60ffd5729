package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// StaleError is returned in verify mode when generated files on disk differ from what the
// generators produce now.
type StaleError struct {
	// Stale are the files whose content differs.
	Stale []string
	// Missing are the files that do not exist.
	Missing []string
}

// Error lists every stale and missing file, one per line.
func (e *StaleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d generated file(s) out of date; regenerate them:", len(e.Stale)+len(e.Missing))
	for _, f := range e.Stale {
		fmt.Fprintf(&b, "\n  stale:   %s", f)
	}
	for _, f := range e.Missing {
		fmt.Fprintf(&b, "\n  missing: %s", f)
	}
	return b.String()
}

// Write puts files on disk: each one whose content differs is written to a temporary file in its
// directory (created if needed) and renamed into place; files already up to date are not touched
// (their mtime is kept). It returns the paths it wrote. With verifyOnly it writes nothing and
// returns a *StaleError naming every stale or missing file, or nil when all are up to date.
func Write(files []File, verifyOnly bool) ([]string, error) {
	var changed []string
	stale := &StaleError{}
	for _, f := range files {
		current, err := os.ReadFile(f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			stale.Missing = append(stale.Missing, f.Path)
		case err != nil:
			return changed, fmt.Errorf("reading %s: %w", f.Path, err)
		case bytes.Equal(current, f.Content):
			continue
		default:
			stale.Stale = append(stale.Stale, f.Path)
		}
		if verifyOnly {
			continue
		}
		if err := writeAtomic(f.Path, f.Content); err != nil {
			return changed, err
		}
		changed = append(changed, f.Path)
	}
	if verifyOnly && len(stale.Stale)+len(stale.Missing) > 0 {
		return nil, stale
	}
	return changed, nil
}

// Run generates the jobs' files and writes (or, with verifyOnly, verifies) them. Nothing is written
// if any generator fails.
func Run(verifyOnly bool, jobs ...Job) ([]string, error) {
	files, err := Generate(jobs...)
	if err != nil {
		return nil, err
	}
	return Write(files, verifyOnly)
}

// writeAtomic writes content to a temporary file next to path and renames it over path, so readers
// never see a half-written file.
func writeAtomic(path string, content []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
