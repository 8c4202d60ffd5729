package golden

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// OptOutGroups are the API groups of client-gen/testdata/optout, each a v1 package whose doc.go
// turns one generator off, and "all", which turns none off.
var OptOutGroups = map[string]string{
	"all":        "",
	"noclient":   "client-gen",
	"nolister":   "lister-gen",
	"noinformer": "informer-gen",
	"noapply":    "applyconfiguration-gen",
}

// CheckGroups fails unless, for each group of want marked true, some file lies under
// dir/<group>/, and, for each marked false, no file at all names the group (in its path or its
// content): a generator that leaves a package out must not refer to it either.
func CheckGroups(t testing.TB, files []output.File, dir string, want map[string]bool) {
	t.Helper()
	for group, on := range want {
		under, named := false, ""
		for _, f := range files {
			if strings.HasPrefix(f.Path, filepath.Join(dir, group)+string(filepath.Separator)) {
				under = true
			}
			if strings.Contains(f.Path, group) || strings.Contains(string(f.Content), group) {
				named = f.Path
			}
		}
		switch {
		case on && !under:
			t.Errorf("nothing generated under %s", filepath.Join(dir, group))
		case !on && named != "":
			t.Errorf("group %s is turned off, but %s names it", group, named)
		}
	}
}

// OnUnlessOff is the want of CheckGroups for a generator that leaves out the packages turning off
// any of tools: every group of OptOutGroups, true unless its doc.go turns one of tools off.
func OnUnlessOff(tools ...string) map[string]bool {
	want := map[string]bool{}
	for group, off := range OptOutGroups {
		want[group] = !slices.Contains(tools, off)
	}
	return want
}
