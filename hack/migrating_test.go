package hack

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// migratingPackages are the short package names MIGRATING.md writes kubegen's identifiers with.
var migratingPackages = map[string]string{
	"cache":       "client/cache",
	"workqueue":   "client/workqueue",
	"record":      "client/record",
	"events":      "client/events",
	"kubeconfig":  "client/kubeconfig",
	"typedcorev1": "kubernetes/typed/core/v1",
	"metrics":     "client/metrics",
	"fake":        "kubernetes/fake",
	"discovery":   "client/discovery",
	"testing":     "client/testing",
}

// TestMigratingNamesExist checks what MIGRATING.md promises: every kubegen import path it names is
// a package of the module, and every identifier it writes as `pkg.Name` (for the packages of
// migratingPackages) is declared in that package.
func TestMigratingNamesExist(t *testing.T) {
	doc, err := os.ReadFile("../MIGRATING.md")
	if err != nil {
		t.Fatal(err)
	}
	paths := regexp.MustCompile("`github\\.com/kubegen/kubegen/([a-z0-9/._-]+)`").FindAllSubmatch(doc, -1)
	if len(paths) < 20 {
		t.Fatalf("found %d kubegen import paths in MIGRATING.md; the package table is gone?", len(paths))
	}
	for _, m := range paths {
		dir := filepath.Join("..", string(m[1]))
		if files, _ := filepath.Glob(filepath.Join(dir, "*.go")); len(files) == 0 {
			t.Errorf("MIGRATING.md names github.com/kubegen/kubegen/%s, which is not a package", m[1])
		}
	}

	declared := map[string]map[string]bool{}
	checked := 0
	for _, m := range regexp.MustCompile("`([a-z0-9]+)\\.([A-Z][A-Za-z0-9]*)`").FindAllSubmatch(doc, -1) {
		pkg, name := string(m[1]), string(m[2])
		rel, ok := migratingPackages[pkg]
		if !ok {
			continue
		}
		if declared[rel] == nil {
			declared[rel] = topLevelNames(t, filepath.Join("..", rel))
		}
		if !declared[rel][name] {
			t.Errorf("MIGRATING.md names %s.%s, which %s does not declare", pkg, name, rel)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("checked %d identifiers in MIGRATING.md; the function table is gone?", checked)
	}
}

// topLevelNames returns the names a package's non-test files declare at top level.
func topLevelNames(t *testing.T, dir string) map[string]bool {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil {
						names[d.Name.Name] = true
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.TypeSpec:
							names[s.Name.Name] = true
						case *ast.ValueSpec:
							for _, n := range s.Names {
								names[n.Name] = true
							}
						}
					}
				}
			}
		}
	}
	return names
}
