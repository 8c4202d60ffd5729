package gofile

import (
	"os"
	"path/filepath"
)

// HasExpansion tells whether dir holds the hand-written expansion file of a kind,
// <lower>_expansion.go (lower is the kind's file name stem, "deployment"). Generators leave out
// the empty expansion interface they would otherwise write for it.
func HasExpansion(dir, lower string) bool {
	_, err := os.Stat(filepath.Join(dir, lower+"_expansion.go"))
	return err == nil
}
