package gofile

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// HasExpansion tells whether dir holds the hand-written expansion file of a kind,
// <lower>_expansion.go (lower is the kind's file name stem, "deployment"). Generators leave out
// the empty expansion interface they would otherwise write for it.
func HasExpansion(dir, lower string) bool {
	_, err := os.Stat(filepath.Join(dir, lower+"_expansion.go"))
	return err == nil
}

// ExpansionImports returns the import paths of the hand-written expansion files of kinds in dir
// (<lower>_expansion.go for each lower), sorted and without repeats. A file that does not exist or
// does not parse adds nothing: the compiler reports the latter.
func ExpansionImports(dir string, lowers []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, lower := range lowers {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, lower+"_expansion.go"), nil, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err == nil && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}
