package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// StaleError is returned in verify mode when the generated files on disk are not what the
// generators produce now.
type StaleError struct {
	// Changed are the files whose content differs.
	Changed []string
	// Missing are the files that do not exist.
	Missing []string
	// Stale are generated files the run owns but no longer produces (see Root).
	Stale []string
}

// Error lists every changed, missing and stale file, one per line.
func (e *StaleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d generated file(s) out of date; regenerate them:", len(e.Changed)+len(e.Missing)+len(e.Stale))
	for _, f := range e.Changed {
		fmt.Fprintf(&b, "\n  changed: %s", f)
	}
	for _, f := range e.Missing {
		fmt.Fprintf(&b, "\n  missing: %s", f)
	}
	for _, f := range e.Stale {
		fmt.Fprintf(&b, "\n  stale:   %s (no longer generated)", f)
	}
	return b.String()
}

func (e *StaleError) empty() bool { return len(e.Changed)+len(e.Missing)+len(e.Stale) == 0 }

// Write puts files on disk, all or nothing: every file whose content differs is first staged in a
// temporary file next to it (creating its directory if needed), and only when all are staged are
// they renamed into place; if anything fails, everything already done is undone and the
// destination is exactly as before, new directories included. Files already up to date are not
// touched (their mtime is kept). It returns the paths it wrote. With verifyOnly it writes nothing
// and returns a *StaleError naming every changed or missing file, or nil when all are up to date.
func Write(files []File, verifyOnly bool) ([]string, error) {
	return reconcile(files, nil, verifyOnly)
}

// Run generates the jobs' files and writes them as Write does, also removing in the same
// all-or-nothing step the stale files of what the jobs own (see Root). With verifyOnly it writes
// nothing and returns a *StaleError naming every changed, missing and stale file. Nothing is
// written if any generator fails.
func Run(verifyOnly bool, jobs ...Job) ([]string, error) {
	files, owners, err := generate(jobs)
	if err != nil {
		return nil, err
	}
	return reconcile(files, owners, verifyOnly)
}

// reconcile compares files and the owners' stale files with the disk, then reports (verifyOnly) or
// applies the difference in one transaction.
func reconcile(files []File, owners []owner, verifyOnly bool) ([]string, error) {
	diff := &StaleError{}
	var writes []File
	produced := map[string]bool{}
	for _, f := range files {
		produced[absPath(f.Path)] = true
		current, err := os.ReadFile(f.Path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			diff.Missing = append(diff.Missing, f.Path)
		case err != nil:
			return nil, fmt.Errorf("reading %s: %w", f.Path, err)
		case bytes.Equal(current, f.Content):
			continue
		default:
			diff.Changed = append(diff.Changed, f.Path)
		}
		writes = append(writes, f)
	}
	stale, err := findStale(owners, produced)
	if err != nil {
		return nil, err
	}
	diff.Stale = stale
	if verifyOnly {
		if diff.empty() {
			return nil, nil
		}
		return nil, diff
	}
	if err := apply(writes, stale, func(dir string) bool { return belowTree(owners, dir) }); err != nil {
		return nil, err
	}
	written := make([]string, len(writes))
	for i, f := range writes {
		written[i] = f.Path
	}
	return written, nil
}
