package watchedfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// counting returns a parser joining the files' contents, and the number of times it ran.
func counting() (func([][]byte) (string, error), *int) {
	n := new(int)
	return func(contents [][]byte) (string, error) {
		*n++
		var parts []string
		for _, c := range contents {
			if len(c) == 0 {
				return "", errors.New("empty")
			}
			parts = append(parts, string(c))
		}
		return strings.Join(parts, "+"), nil
	}, n
}

func write(t *testing.T, path, data string, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, f *Files[string], want string, wantParses int, parses *int) {
	t.Helper()
	got, err := f.Get()
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got != want || *parses != wantParses {
		t.Fatalf("Get = %q after %d parses, want %q after %d", got, *parses, want, wantParses)
	}
}

func TestStableFileIsReadOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	old := time.Now().Add(-time.Hour)
	write(t, path, "a", old)
	parse, n := counting()
	f := New(parse, path)
	for range 3 {
		check(t, f, "a", 1, n)
	}
	write(t, path, "bb", old) // size differs
	check(t, f, "bb", 2, n)
	write(t, path, "cc", old.Add(time.Second)) // mtime differs
	check(t, f, "cc", 3, n)
}

// A rewrite within one time stamp tick, with the same size, cannot be seen by stat; files read soon
// after their last modification are therefore re-read until the granularity window has passed.
func TestRecentlyModifiedFileIsReread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	clock := time.Now()
	write(t, path, "one", clock)
	parse, n := counting()
	f := New(parse, path)
	f.now = func() time.Time { return clock }
	check(t, f, "one", 1, n)
	write(t, path, "two", clock) // same size, same mtime
	check(t, f, "two", 2, n)
	clock = clock.Add(granularity + time.Second)
	check(t, f, "two", 3, n) // read once more, now trusted
	check(t, f, "two", 3, n)
}

func TestErrorsKeepLastGoodValue(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	parse, n := counting()
	f := New(parse, path)
	if _, err := f.Get(); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("missing file: err %v, want one naming the path", err)
	}
	old := time.Now().Add(-time.Hour)
	write(t, path, "", old)
	if _, err := f.Get(); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("unparsable file: err %v", err)
	}
	write(t, path, "good", old)
	check(t, f, "good", 2, n)
	write(t, path, "", old.Add(time.Second))
	check(t, f, "good", 3, n) // parse failed: last good value
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	check(t, f, "good", 3, n) // vanished: last good value
}

func TestSeveralFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	old := time.Now().Add(-time.Hour)
	write(t, a, "a1", old)
	write(t, b, "b1", old)
	parse, n := counting()
	f := New(parse, a, b)
	check(t, f, "a1+b1", 1, n)
	check(t, f, "a1+b1", 1, n)
	write(t, b, "b22", old)
	check(t, f, "a1+b22", 2, n)
	if err := os.Rename(a, filepath.Join(dir, "gone")); err != nil {
		t.Fatal(err)
	}
	write(t, a, "a1", old) // same content, size and mtime, but a new file
	check(t, f, "a1+b22", 3, n)
}
