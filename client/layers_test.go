package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/kubegen/kubegen/"

// layer is what DESIGN.md and a package's doc comment say about its place: its height (a package
// may import module packages of lower height only) and everything outside the standard library it
// may import, as module-relative package paths ("client/rest") or, for other modules, path prefixes
// ("k8s.io/apimachinery/").
type layer struct {
	height  int
	imports []string
}

// apimachinery is allowed to most packages.
const apimachinery = "k8s.io/apimachinery/"

// clientsetHeight is the layer of the blessed clientset (kubernetes/...): client/ packages above it,
// the controller toolkit, may use it; no other package of client/ reaches outside client/.
const clientsetHeight = 7

// height returns the layer of a module-relative package: the table's, or clientsetHeight for the
// blessed clientset.
func height(table map[string]layer, rel string) (int, bool) {
	if l, ok := table[rel]; ok {
		return l.height, true
	}
	if rel == "kubernetes" || strings.HasPrefix(rel, "kubernetes/") {
		return clientsetHeight, true
	}
	return 0, false
}

// layers is the table of package doc.go in client/ (the "Layer" paragraphs) and of test support that
// states a layer. Keep it in step with client/doc.go.
var layers = map[string]layer{
	"client/internal/fifo":                  {0, nil},
	"client/internal/intern":                {0, []string{apimachinery}},
	"client/applyconfigurations/meta/v1":    {0, []string{apimachinery}},
	"client/transport/internal/watchedfile": {0, nil},
	"client/internal/allocgate":             {0, nil},
	"client/internal/testobjects":           {0, []string{apimachinery, "k8s.io/api/"}},
	"client/metrics":                        {0, nil},
	"client/internal/cowmap":                {0, nil},
	"client/internal/fastpaths":             {0, nil},

	"client/transport":          {1, []string{"client/transport/internal/watchedfile", "client/metrics"}},
	"client/workqueue":          {1, []string{"client/internal/fifo", "golang.org/x/time/rate"}},
	"client/internal/fastjson":  {1, []string{"client/internal/cowmap", apimachinery, "sigs.k8s.io/json"}},
	"client/internal/fastproto": {1, []string{"client/internal/cowmap", apimachinery}},

	"client/rest": {2, []string{"client/transport", "client/metrics", "client/internal/fastjson", "client/internal/fastproto", "client/internal/fastpaths", apimachinery, "k8s.io/klog/", "golang.org/x/", "sigs.k8s.io/json"}},

	"client/kubeconfig": {3, []string{"client/rest", "client/transport", "github.com/spf13/pflag", "sigs.k8s.io/yaml"}},
	"client/testing":    {3, []string{"client/rest", apimachinery}},

	"client/typed":            {4, []string{"client/rest", apimachinery}},
	"client/discovery":        {4, []string{"client/rest", apimachinery, "k8s.io/api/apidiscovery/"}},
	"client/dynamic":          {4, []string{"client/rest", apimachinery}},
	"client/internal/upgrade": {4, []string{"client/transport", "client/rest", apimachinery, "github.com/gorilla/websocket"}},
	"client/apply":            {4, []string{apimachinery, "sigs.k8s.io/structured-merge-diff/"}},
	"client/metadata":         {4, []string{"client/rest", apimachinery, "sigs.k8s.io/json"}},

	"client/cache":           {5, []string{"client/internal/fifo", "client/internal/intern", "client/internal/fastpaths", apimachinery, "k8s.io/klog/"}},
	"client/fake":            {5, []string{"client/discovery", "client/rest", "client/testing", "client/typed", apimachinery, "sigs.k8s.io/structured-merge-diff/", "sigs.k8s.io/yaml"}},
	"client/remotecommand":   {5, []string{"client/internal/upgrade", "client/rest", apimachinery, "github.com/gorilla/websocket", "k8s.io/klog/"}},
	"client/portforward":     {5, []string{"client/internal/upgrade", "client/rest", apimachinery, "github.com/gorilla/websocket", "k8s.io/klog/"}},
	"client/record":          {5, []string{"k8s.io/api/", apimachinery, "k8s.io/klog/"}},
	"client/typed/typedtest": {5, []string{"client/typed", "client/apply", "k8s.io/api/", apimachinery, "sigs.k8s.io/structured-merge-diff/"}},

	"client/dynamic/dynamicinformer":   {6, []string{"client/dynamic", "client/cache", apimachinery}},
	"client/metadata/metadatainformer": {6, []string{"client/metadata", "client/cache", apimachinery}},
	"client/freshness":                 {6, []string{"client/cache"}},

	// Layer 7 is the blessed clientset, kubernetes/... (generated; not in client/).

	// The controller toolkit, over the blessed clientset.
	"client/leaderelection/resourcelock": {8, []string{"kubernetes/typed/coordination/v1", "client/rest", "k8s.io/api/", apimachinery}},
	"client/events":                      {8, []string{"kubernetes", "kubernetes/scheme", "kubernetes/typed/core/v1", "kubernetes/typed/events/v1", "client/record", "k8s.io/api/", apimachinery, "k8s.io/klog/"}},
	"client/leaderelection":              {9, []string{"client/leaderelection/resourcelock", apimachinery, "k8s.io/klog/"}},

	// End-to-end test packages: their code is in _test.go files; the package itself imports nothing.
	"client/cache/e2e":          {99, nil},
	"client/rest/e2e":           {99, nil},
	"client/typed/e2e":          {99, nil},
	"client/leaderelection/e2e": {99, nil},
	"client/events/e2e":         {99, nil},
	"client/metadata/e2e":       {99, nil},
	"client/freshness/e2e":      {99, nil},
	"client/metrics/e2e":        {99, nil},

	// Test support outside client/ that states a layer in its doc.
	"test/cluster": {3, []string{"client/rest", "client/transport"}},
	"test/kubelet": {0, []string{"k8s.io/api/", apimachinery, "k8s.io/cri-streaming/"}},
}

// forbiddenEverywhere are modules the main module never depends on (only test/bench, a module of its
// own, may).
var forbiddenEverywhere = []string{"k8s.io/client-go", "k8s.io/code-generator"}

type listedPackage struct {
	ImportPath string
	Dir        string
	Standard   bool
	Imports    []string
	Deps       []string
	Error      *struct{ Err string }
}

// listModule runs go list over the module (non-test imports and dependencies).
func listModule(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Dir,Standard,Imports,Deps,Error", module+"...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("decoding go list output: %v", err)
		}
		if p.Error != nil {
			t.Errorf("go list %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	return pkgs
}

// isStandard reports whether path is a standard library package: no dot in its first element.
func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// allowed reports whether imp (module-relative when in the module) is in the allowed list: module
// packages exactly, other modules by prefix (a prefix without a trailing slash matches the path
// itself and its subpackages).
func allowed(list []string, imp string, inModule bool) bool {
	for _, a := range list {
		if inModule {
			if a == imp {
				return true
			}
			continue
		}
		if imp == a || strings.HasPrefix(imp, strings.TrimSuffix(a, "/")+"/") {
			return true
		}
	}
	return false
}

// checkLayers returns one message per layering violation in pkgs.
func checkLayers(pkgs []listedPackage, table map[string]layer) []string {
	var problems []string
	seen := map[string]bool{}
	for _, p := range pkgs {
		rel, ok := strings.CutPrefix(p.ImportPath, module)
		if !ok {
			continue
		}
		for _, dep := range p.Deps {
			for _, f := range forbiddenEverywhere {
				if dep == f || strings.HasPrefix(dep, f+"/") {
					problems = append(problems, fmt.Sprintf("%s depends on %s (module %s is never a dependency of kubegen)", rel, dep, f))
				}
			}
		}
		l, ok := table[rel]
		if strings.HasPrefix(rel, "client/") {
			// Nothing in client/ reaches a generator, internal/codegen, examples, tests or commands;
			// only the controller toolkit (above the clientset layer) may use the blessed clientset.
			for _, dep := range p.Deps {
				d, inModule := strings.CutPrefix(dep, module)
				if !inModule || strings.HasPrefix(d, "client/") {
					continue
				}
				if h, _ := height(table, d); h == clientsetHeight && ok && l.height > clientsetHeight {
					continue
				}
				problems = append(problems, fmt.Sprintf("%s depends on %s, outside client/", rel, d))
			}
		}
		if !ok {
			if strings.HasPrefix(rel, "client/") {
				problems = append(problems, fmt.Sprintf("%s has no layer: add it to the table in client/layers_test.go and client/doc.go, with the layer DESIGN.md gives it and the imports its doc allows", rel))
			}
			continue
		}
		seen[rel] = true
		for _, imp := range p.Imports {
			if isStandard(imp) {
				continue
			}
			d, inModule := strings.CutPrefix(imp, module)
			if !inModule {
				d = imp
			}
			if !allowed(l.imports, d, inModule) {
				problems = append(problems, fmt.Sprintf("%s imports %s, which its layer does not allow (allowed: %s)", rel, d, strings.Join(l.imports, ", ")))
				continue
			}
			if inModule {
				if h, ok := height(table, d); ok && h >= l.height {
					problems = append(problems, fmt.Sprintf("%s (layer %d) imports %s (layer %d): a package imports lower layers only", rel, l.height, d, h))
				}
			}
		}
	}
	for rel := range table {
		if !seen[rel] {
			problems = append(problems, fmt.Sprintf("%s is in the layer table but not in the module", rel))
		}
	}
	slices.Sort(problems)
	return problems
}

// TestLayers checks every package of the module against the layer table: imports only of lower
// layers and of what the package's doc allows, nothing in client/ reaching outside client/, and no
// client-go or code-generator anywhere.
func TestLayers(t *testing.T) {
	for _, p := range checkLayers(listModule(t), layers) {
		t.Error(p)
	}
}

// TestLayersCatchesViolations feeds checkLayers made-up packages that break each rule once.
func TestLayersCatchesViolations(t *testing.T) {
	table := map[string]layer{
		"client/transport": {1, nil},
		"client/rest":      {2, []string{"client/transport", apimachinery}},
		"client/typed":     {4, []string{"client/rest"}},
		"client/gone":      {4, nil},
		"client/dynamic":   {4, []string{"client/rest"}},
		"client/toolkit":   {8, []string{"kubernetes/typed/x/v1"}},
	}
	pkgs := []listedPackage{
		// transport importing rest: a lower layer importing a higher one that its table allows.
		{ImportPath: module + "client/transport", Imports: []string{module + "client/rest", "net/http"}},
		{ImportPath: module + "client/rest", Imports: []string{module + "client/transport", "k8s.io/apimachinery/pkg/runtime", "sigs.k8s.io/json"}},
		{ImportPath: module + "client/typed", Imports: []string{module + "client/rest"}, Deps: []string{module + "internal/codegen/model"}},
		{ImportPath: module + "client/newpkg"},
		// A package below the clientset layer may not use the blessed clientset; the toolkit may.
		{ImportPath: module + "client/dynamic", Imports: []string{module + "client/rest"}, Deps: []string{module + "client/rest", module + "kubernetes/scheme"}},
		{ImportPath: module + "client/toolkit", Imports: []string{module + "kubernetes/typed/x/v1"}, Deps: []string{module + "kubernetes/typed/x/v1", module + "kubernetes/scheme"}},
		{ImportPath: module + "kubernetes", Deps: []string{"k8s.io/client-go/rest"}},
	}
	table["client/transport"] = layer{1, []string{"client/rest"}}
	got := checkLayers(pkgs, table)
	want := []string{
		"client/dynamic depends on kubernetes/scheme, outside client/",
		"client/gone is in the layer table but not in the module",
		"client/newpkg has no layer",
		"client/rest imports sigs.k8s.io/json, which its layer does not allow",
		"client/transport (layer 1) imports client/rest (layer 2)",
		"client/typed depends on internal/codegen/model, outside client/",
		"kubernetes depends on k8s.io/client-go/rest",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d = %q, want it to start with %q", i, got[i], want[i])
		}
	}
}

// docName is how a package's doc comment names an allowed import: the last element of a client/
// package or a github.com path ("rest", "websocket"); klog, apimachinery and structured-merge-diff by
// name; anything else by its path ("sigs.k8s.io/json", "golang.org/x", "k8s.io/api/apidiscovery",
// "kubernetes/typed/coordination/v1").
func docName(a string) string {
	a = strings.TrimSuffix(a, "/")
	if strings.HasPrefix(a, "client/") || strings.HasPrefix(a, "github.com/") || a == "k8s.io/klog" || a == "k8s.io/apimachinery" || a == "sigs.k8s.io/structured-merge-diff" {
		return path.Base(a)
	}
	return a
}

// packageDoc returns the package doc comment of the Go files in dir.
func packageDoc(t *testing.T, dir string) string {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			doc.WriteString(f.Doc.Text())
		}
	}
	return doc.String()
}

// layerParagraph returns the part of a package doc that states its layer: the paragraph starting
// "Layer:", or the section under the heading "# Layer".
func layerParagraph(doc string) string {
	paras := strings.Split(doc, "\n\n")
	for i, p := range paras {
		if strings.HasPrefix(p, "Layer:") {
			return p
		}
		if p == "# Layer" {
			var section []string
			for _, q := range paras[i+1:] {
				if strings.HasPrefix(q, "# ") {
					break
				}
				section = append(section, q)
			}
			return strings.Join(section, "\n\n")
		}
	}
	return ""
}

// TestLayerDocs checks that the layer paragraph of the doc comment of every package in the layer table names each import the
// table allows it, so that the table and the docs cannot drift apart: a doc that says "imports only
// rest and apimachinery" while the code needs klog fails here once klog is added to the table.
func TestLayerDocs(t *testing.T) {
	for _, p := range listModule(t) {
		rel, _ := strings.CutPrefix(p.ImportPath, module)
		l, ok := layers[rel]
		if !ok {
			continue
		}
		doc := layerParagraph(packageDoc(t, p.Dir))
		if doc == "" && len(l.imports) > 0 {
			t.Errorf("%s: its package doc has no Layer paragraph (\"Layer: ...\" or a \"# Layer\" section)", rel)
			continue
		}
		for _, a := range l.imports {
			name := docName(a)
			if !regexp.MustCompile(`(^|[^\w.-])` + regexp.QuoteMeta(name) + `($|[^\w-])`).MatchString(doc) {
				t.Errorf("%s may import %s, but its package doc does not say so (it should name %q)", rel, a, name)
			}
		}
	}
}
