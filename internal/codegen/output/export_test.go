package output

import (
	"errors"
	"os"
	"testing"
)

// Apply is apply, for the external tests.
var Apply = apply

// FailCommitStep makes the n-th step of the next commits (a rename or a remove, counted together)
// fail, once; the rollback then runs with the real calls. The test's cleanup restores them.
func FailCommitStep(t *testing.T, n int) {
	calls := 0
	realRename, realRemove := rename, remove
	t.Cleanup(func() { rename, remove = realRename, realRemove })
	fail := func() bool {
		calls++
		if calls == n {
			rename, remove = realRename, realRemove
			return true
		}
		return false
	}
	rename = func(from, to string) error {
		if fail() {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("injected failure")}
		}
		return realRename(from, to)
	}
	remove = func(path string) error {
		if fail() {
			return &os.PathError{Op: "remove", Path: path, Err: errors.New("injected failure")}
		}
		return realRemove(path)
	}
}
