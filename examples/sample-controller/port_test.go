package main

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// importPaths maps client-go's and the sample controller's import paths to kubegen's, as
// MIGRATING.md lists them. A path not listed here stays as it is.
var importPaths = map[string]string{
	"k8s.io/client-go/informers":                "github.com/kubegen/kubegen/kubernetes/informers",
	"k8s.io/client-go/informers/apps/v1":        "github.com/kubegen/kubegen/kubernetes/informers/apps/v1",
	"k8s.io/client-go/kubernetes":               "github.com/kubegen/kubegen/kubernetes",
	"k8s.io/client-go/kubernetes/fake":          "github.com/kubegen/kubegen/kubernetes/fake",
	"k8s.io/client-go/kubernetes/scheme":        "github.com/kubegen/kubegen/kubernetes/scheme",
	"k8s.io/client-go/kubernetes/typed/core/v1": "github.com/kubegen/kubegen/kubernetes/typed/core/v1",
	"k8s.io/client-go/listers/apps/v1":          "github.com/kubegen/kubegen/kubernetes/listers/apps/v1",
	"k8s.io/client-go/testing":                  "github.com/kubegen/kubegen/client/testing",
	"k8s.io/client-go/tools/cache":              "github.com/kubegen/kubegen/client/cache",
	"k8s.io/client-go/tools/clientcmd":          "github.com/kubegen/kubegen/client/kubeconfig",
	"k8s.io/client-go/tools/record":             "github.com/kubegen/kubegen/client/record",
	"k8s.io/client-go/util/workqueue":           "github.com/kubegen/kubegen/client/workqueue",
}

// upstreamModule is the sample controller's module path, replaced by the example's.
const upstreamModule, portModule = "k8s.io/sample-controller/", "github.com/kubegen/kubegen/examples/sample-controller/"

// renamedPackages are the imports whose package name differs from client-go's, so the port names
// the import as client-go's package was called.
var renamedPackages = map[string]string{"github.com/kubegen/kubegen/client/kubeconfig": "clientcmd"}

// allowedChanges are the only lines (besides imports) in which the port differs from upstream: the
// differences MIGRATING.md lists under "Differences a port meets", each with its reason.
var allowedChanges = map[string]string{
	// cache.WaitForCacheSync takes a context and returns an error naming the unsynced caches;
	// client-go's bool-returning form is WaitForNamedCacheSyncWithContext.
	"if ok := cache.WaitForCacheSync(ctx.Done(), c.deploymentsSynced, c.foosSynced); !ok {": "if ok := cache.WaitForNamedCacheSyncWithContext(ctx, c.deploymentsSynced, c.foosSynced); !ok {",
}

// TestPortDiffersOnlyInImports checks controller.go, main.go and controller_test.go (upstream's unit
// test of the controller, over the fake clientsets) against upstream's (v0.37.1, kept in
// testdata/upstream): the imports map through importPaths, and every other line is upstream's
// except the allowedChanges.
func TestPortDiffersOnlyInImports(t *testing.T) {
	for _, name := range []string{"controller.go", "main.go", "controller_test.go"} {
		t.Run(name, func(t *testing.T) {
			upstreamImports, upstreamBody := splitFile(t, "testdata/upstream/"+name+".txt")
			portImports, portBody := splitFile(t, name)
			checkHeader(t, "testdata/upstream/"+name+".txt", name)

			want := map[string]bool{}
			for _, imp := range upstreamImports {
				alias, path := imp[0], imp[1]
				if p, ok := importPaths[path]; ok {
					path = p
				} else if strings.HasPrefix(path, "k8s.io/client-go/") {
					t.Errorf("upstream imports %s, which has no kubegen path in importPaths", path)
				}
				if rest, ok := strings.CutPrefix(path, upstreamModule); ok {
					path = portModule + rest
				}
				if alias == "" {
					alias = renamedPackages[path]
				}
				want[alias+" "+path] = true
			}
			for _, imp := range portImports {
				key := imp[0] + " " + imp[1]
				if !want[key] {
					t.Errorf("the port imports %q, which is not upstream's import mapped", key)
				}
				delete(want, key)
			}
			for key := range want {
				t.Errorf("the port lacks upstream's import mapped to %q", key)
			}

			if len(upstreamBody) != len(portBody) {
				t.Fatalf("after the imports, upstream has %d lines, the port %d", len(upstreamBody), len(portBody))
			}
			for i := range upstreamBody {
				u, p := strings.TrimSpace(upstreamBody[i]), strings.TrimSpace(portBody[i])
				if u == p {
					continue
				}
				if allowed, ok := allowedChanges[u]; !ok || allowed != p {
					t.Errorf("line %d after the imports differs from upstream beyond the listed changes:\n  upstream: %s\n  port:     %s", i+1, u, p)
				}
			}
		})
	}
}

// checkHeader checks that the lines before the imports (licence, package clause) are upstream's.
func checkHeader(t *testing.T, upstreamPath, portPath string) {
	t.Helper()
	upstream, port := header(t, upstreamPath), header(t, portPath)
	if strings.Join(upstream, "\n") != strings.Join(port, "\n") {
		t.Errorf("the lines before the imports differ from upstream's:\n%s\nport:\n%s", strings.Join(upstream, "\n"), strings.Join(port, "\n"))
	}
}

// header returns the lines of a Go file before its import block.
func header(t *testing.T, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, _, ok := strings.Cut(string(src), "\nimport ")
	if !ok {
		t.Fatalf("%s has no import block", path)
	}
	return strings.Split(before, "\n")
}

// splitFile returns a Go file's imports as (name, path) pairs and its lines after the import block.
func splitFile(t *testing.T, path string) ([][2]string, []string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var imports [][2]string
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			t.Fatal(err)
		}
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		}
		imports = append(imports, [2]string{name, p})
	}
	end := fset.Position(f.Decls[len(f.Decls)-1].End()).Offset
	return imports, strings.Split(string(src[end:]), "\n")
}
