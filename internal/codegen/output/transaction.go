package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// The file-system calls that change what a reader sees at a destination. Tests replace them to fail
// part-way through a commit; nothing else does.
var (
	rename = os.Rename
	remove = os.Remove
)

// transaction changes a set of files all or nothing. Stage writes every new content to a temporary
// file in its destination's directory (so the rename is atomic) and keeps a hard link to every
// file it will replace or remove; commit renames and removes; on failure rollback restores each
// original from its link and removes what was staged and every directory staging made.
type transaction struct {
	created []string  // directories made while staging, in order
	changes []*change // in commit order
}

// change is one destination of a transaction.
type change struct {
	dest      string
	temp      string // new content; "" for a removal
	backup    string // the original, kept until the transaction ends; "" if dest did not exist
	committed bool
}

// apply writes files and removes stale (absolute paths), all or nothing. Directories that removing
// stale files leaves empty are removed too, as far up as prune allows.
func apply(files []File, stale []string, prune func(dir string) bool) error {
	if len(files)+len(stale) == 0 {
		return nil
	}
	t := &transaction{}
	err := t.stage(files, stale)
	if err == nil {
		err = t.commit()
	}
	if err != nil {
		if rerr := t.rollback(); rerr != nil {
			return fmt.Errorf("%w; undoing the partial write also failed, the output may be damaged: %v", err, rerr)
		}
		return err
	}
	return t.finish(stale, prune)
}

func (t *transaction) stage(files []File, stale []string) error {
	for _, f := range files {
		c := &change{dest: f.Path}
		t.changes = append(t.changes, c)
		if err := t.mkdirAll(filepath.Dir(f.Path)); err != nil {
			return err
		}
		if err := c.keepOriginal(); err != nil {
			return err
		}
		if err := c.writeTemp(f.Content); err != nil {
			return err
		}
	}
	for _, path := range stale {
		c := &change{dest: path}
		t.changes = append(t.changes, c)
		if err := c.keepOriginal(); err != nil {
			return err
		}
	}
	return nil
}

func (t *transaction) commit() error {
	for _, c := range t.changes {
		var err error
		if c.temp != "" {
			err = rename(c.temp, c.dest)
		} else {
			err = remove(c.dest)
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", c.dest, err)
		}
		c.committed = true
	}
	return nil
}

// rollback puts every destination back as it was and removes what staging made.
func (t *transaction) rollback() error {
	var errs []error
	for _, c := range slices.Backward(t.changes) {
		switch {
		case !c.committed:
			errs = append(errs, removeIfExists(c.temp), removeIfExists(c.backup))
		case c.backup != "":
			errs = append(errs, rename(c.backup, c.dest))
		default:
			errs = append(errs, remove(c.dest))
		}
	}
	for _, dir := range slices.Backward(t.created) {
		errs = append(errs, removeIfExists(dir))
	}
	return errors.Join(errs...)
}

// finish drops the originals and the directories that removing stale files left empty.
func (t *transaction) finish(stale []string, prune func(dir string) bool) error {
	var errs []error
	for _, c := range t.changes {
		if err := removeIfExists(c.backup); err != nil {
			errs = append(errs, fmt.Errorf("generated files are in place, but a backup remains: %w", err))
		}
	}
	for _, path := range stale {
		for dir := filepath.Dir(path); prune(dir); dir = filepath.Dir(dir) {
			if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 || os.Remove(dir) != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// mkdirAll creates dir and its missing parents, remembering each one it made.
func (t *transaction) mkdirAll(dir string) error {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err == nil {
			if !info.IsDir() {
				return fmt.Errorf("creating %s: %s is not a directory", dir, d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, d := range slices.Backward(missing) {
		if err := os.Mkdir(d, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
		t.created = append(t.created, d)
	}
	return nil
}

// writeTemp writes content to a new temporary file next to c.dest.
func (c *change) writeTemp(content []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(c.dest), "."+filepath.Base(c.dest)+".tmp*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.dest, err)
	}
	c.temp = tmp.Name()
	_, err = tmp.Write(content)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.dest, err)
	}
	return nil
}

// keepOriginal links c.backup to the file at c.dest, if there is one, so that rollback can put it
// back untouched. Where hard links are not supported it keeps a copy instead.
func (c *change) keepOriginal() error {
	info, err := os.Lstat(c.dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.dest, err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("writing %s: it exists and is not a regular file", c.dest)
	}
	dir, base := filepath.Split(c.dest)
	for i := range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.orig-%d-%d", base, os.Getpid(), i))
		err := os.Link(c.dest, name)
		if err == nil {
			c.backup = name
			return nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return c.copyOriginal(info.Mode().Perm())
		}
	}
	return fmt.Errorf("writing %s: no free name for a backup of it", c.dest)
}

func (c *change) copyOriginal(perm fs.FileMode) error {
	content, err := os.ReadFile(c.dest)
	if err != nil {
		return fmt.Errorf("writing %s: %w", c.dest, err)
	}
	backup := &change{dest: c.dest}
	if err := backup.writeTemp(content); err != nil {
		return err
	}
	c.backup = backup.temp
	if err := os.Chmod(c.backup, perm); err != nil {
		return fmt.Errorf("writing %s: %w", c.dest, err)
	}
	return nil
}

func removeIfExists(path string) error {
	if path == "" {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
