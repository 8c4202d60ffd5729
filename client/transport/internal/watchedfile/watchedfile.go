// Package watchedfile keeps the parsed contents of small files that are rotated on disk (bearer tokens,
// client certificates) and re-reads them when they change.
//
// It is internal to package transport and imports only the standard library.
package watchedfile

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// granularity bounds how coarse a file system's modification times may be. A file read less than this
// long after its last modification is re-read on every access until the window has passed, because a
// second write in the same timestamp tick with the same size would be invisible to stat.
const granularity = 2 * time.Second

// Files holds a value parsed from one or more files and refreshes it when any of them changes. Change
// is detected with one stat per file per Get: a different file (inode), size or modification time
// triggers a re-read. It is safe for concurrent use.
type Files[T any] struct {
	paths []string
	parse func(contents [][]byte) (T, error)
	now   func() time.Time

	mu     sync.Mutex
	loaded bool
	value  T
	infos  []os.FileInfo
	readAt time.Time
}

// New returns Files watching paths; parse turns their contents (in the order of paths) into a value.
func New[T any](parse func(contents [][]byte) (T, error), paths ...string) *Files[T] {
	return &Files[T]{paths: paths, parse: parse, now: time.Now}
}

// Get returns the current value, re-reading the files first when they changed. When re-reading or
// parsing fails after an earlier success, the last good value is returned (a rotation may be half
// done) and the files are tried again on the next call. The first failure is returned as an error.
func (f *Files[T]) Get() (T, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.loaded && f.unchanged() {
		return f.value, nil
	}
	v, err := f.load()
	if err != nil && f.loaded {
		return f.value, nil
	}
	return v, err
}

// unchanged reports whether every file still has the stamp seen at the last successful load and that
// load is old enough for time stamps to be trusted.
func (f *Files[T]) unchanged() bool {
	for i, p := range f.paths {
		fi, err := os.Stat(p)
		if err != nil || !sameStamp(fi, f.infos[i]) {
			return false
		}
		if f.readAt.Sub(fi.ModTime()) < granularity {
			return false
		}
	}
	return true
}

func sameStamp(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// load reads and parses every file. The stamps are taken before reading, so a write racing with the
// read is seen as a change next time.
func (f *Files[T]) load() (T, error) {
	var zero T
	readAt := f.now()
	infos := make([]os.FileInfo, len(f.paths))
	contents := make([][]byte, len(f.paths))
	for i, p := range f.paths {
		fi, err := os.Stat(p)
		if err != nil {
			return zero, err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return zero, err
		}
		infos[i], contents[i] = fi, data
	}
	v, err := f.parse(contents)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", describe(f.paths), err)
	}
	f.value, f.infos, f.readAt, f.loaded = v, infos, readAt, true
	return v, nil
}

func describe(paths []string) string {
	if len(paths) == 1 {
		return paths[0]
	}
	return fmt.Sprint(paths)
}
