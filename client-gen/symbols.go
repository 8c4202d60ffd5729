package clientgen

import (
	"go/token"
	"io"
	"path"
	"regexp"
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// file is one generated Go file. Its write function emits snippets whose type names go through the
// "raw" namer, which records the imports the file needs.
type file struct {
	generator.GoGenerator
	pkgPath string
	imports *namer.DefaultImportTracker
	write   func(sw *generator.SnippetWriter)
	// preferred packages are named before any other, so they get the shortest import names.
	preferred []string
}

// prefer makes the file name the given packages first: API types get "appsv1", typed clients in
// the same file the longer "typedappsv1".
func (f *file) prefer(pkgs ...string) *file {
	f.preferred = append(f.preferred, pkgs...)
	return f
}

func newFile(name, pkgPath string, write func(sw *generator.SnippetWriter)) *file {
	return &file{
		GoGenerator: generator.GoGenerator{OutputFilename: name},
		pkgPath:     pkgPath,
		imports:     newImportTracker(pkgPath),
		write:       write,
	}
}

// Filter takes no types: client-gen writes from the model, not per universe type.
func (f *file) Filter(*generator.Context, *types.Type) bool { return false }

// Namers gives the templates "raw", which names types relative to the file's package.
func (f *file) Namers(*generator.Context) namer.NameSystems {
	return namer.NameSystems{"raw": namer.NewRawNamer(f.pkgPath, f.imports)}
}

// Imports returns the imports the names used so far need.
func (f *file) Imports(*generator.Context) []string { return f.imports.ImportLines() }

// Init writes the whole file.
func (f *file) Init(c *generator.Context, w io.Writer) error {
	for _, p := range f.preferred {
		f.imports.AddSymbol(types.Name{Package: p, Name: "_"})
	}
	sw := generator.NewSnippetWriter(w, c, "$", "$")
	f.write(sw)
	return sw.Error()
}

const (
	restPkg      = "github.com/kubegen/kubegen/client/rest"
	typedPkg     = "github.com/kubegen/kubegen/client/typed"
	fakePkg      = "github.com/kubegen/kubegen/client/fake"
	discoveryPkg = "github.com/kubegen/kubegen/client/discovery"
	metav1Pkg    = "k8s.io/apimachinery/pkg/apis/meta/v1"
	runtimePkg   = "k8s.io/apimachinery/pkg/runtime"
	schemaPkg    = "k8s.io/apimachinery/pkg/runtime/schema"
)

// common are the symbols every template may use, by short key.
var common = generator.Args{
	"context":           types.Ref("context", "Context"),
	"httpClient":        types.Ref("net/http", "Client"),
	"restInterface":     types.Ref(restPkg, "Interface"),
	"restConfig":        types.Ref(restPkg, "Config"),
	"copyConfig":        types.Ref(restPkg, "CopyConfig"),
	"httpClientFor":     types.Ref(restPkg, "HTTPClientFor"),
	"restClientFor":     types.Ref(restPkg, "RESTClientForConfigAndClient"),
	"tokenBucket":       types.Ref(restPkg, "NewTokenBucketRateLimiter"),
	"defaultQPS":        types.Ref(restPkg, "DefaultQPS"),
	"defaultBurst":      types.Ref(restPkg, "DefaultBurst"),
	"typedClient":       types.Ref(typedPkg, "Client"),
	"newTypedClient":    types.Ref(typedPkg, "NewClient"),
	"tracker":           types.Ref(fakePkg, "Tracker"),
	"newTracker":        types.Ref(fakePkg, "NewTracker"),
	"fakeClient":        types.Ref(fakePkg, "Client"),
	"newFakeClient":     types.Ref(fakePkg, "NewClient"),
	"fakeResource":      types.Ref(fakePkg, "Resource"),
	"groupVersion":      types.Ref(schemaPkg, "GroupVersion"),
	"gvr":               types.Ref(schemaPkg, "GroupVersionResource"),
	"gvk":               types.Ref(schemaPkg, "GroupVersionKind"),
	"runtimeObject":     types.Ref(runtimePkg, "Object"),
	"createOptions":     types.Ref(metav1Pkg, "CreateOptions"),
	"updateOptions":     types.Ref(metav1Pkg, "UpdateOptions"),
	"deleteOptions":     types.Ref(metav1Pkg, "DeleteOptions"),
	"getOptions":        types.Ref(metav1Pkg, "GetOptions"),
	"listOptions":       types.Ref(metav1Pkg, "ListOptions"),
	"patchOptions":      types.Ref(metav1Pkg, "PatchOptions"),
	"applyOptions":      types.Ref(metav1Pkg, "ApplyOptions"),
	"metaList":          types.Ref(metav1Pkg, "List"),
	"addToGroupVersion": types.Ref(metav1Pkg, "AddToGroupVersion"),
	"patchType":         types.Ref("k8s.io/apimachinery/pkg/types", "PatchType"),
	"watchInterface":    types.Ref("k8s.io/apimachinery/pkg/watch", "Interface"),
}

// args returns the common symbols plus extra key/value pairs.
func args(kv ...any) generator.Args {
	a := generator.Args{}
	for k, v := range common {
		a[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		a[kv[i]] = kv[i+1]
	}
	return a
}

// newImportTracker names imports "<group><version>" (appsv1, corev1) rather than a bare "v1", which
// would be ambiguous in files that import several versions; on a clash it prefixes more of the path.
func newImportTracker(local string) *namer.DefaultImportTracker {
	tracker := namer.NewDefaultImportTracker(types.Name{Package: local})
	tracker.IsInvalidType = func(*types.Type) bool { return false }
	tracker.LocalName = func(n types.Name) string { return localName(&tracker, local, n.Package) }
	tracker.PrintImport = func(path, name string) string { return name + " \"" + path + "\"" }
	return &tracker
}

var versionLike = regexp.MustCompile(`^v[0-9]+((alpha|beta)[0-9]*)?$`)

func localName(tracker namer.ImportTracker, local, pkgPath string) string {
	dirs := strings.Split(pkgPath, "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		if len(dirs)-i < minElements(dirs) {
			continue
		}
		name := strings.NewReplacer(".", "", "-", "", "_", "").Replace(strings.Join(dirs[i:], ""))
		if _, taken := tracker.PathOf(name); taken || name == path.Base(local) {
			continue
		}
		if token.Lookup(name).IsKeyword() {
			name = "_" + name
		}
		return name
	}
	return strings.NewReplacer("/", "", ".", "", "-", "", "_", "").Replace(pkgPath)
}

// minElements is how many trailing path elements an import name needs to say what the package is:
// "apps/v1" rather than "v1", "apps/v1/fake" rather than "fake".
func minElements(dirs []string) int {
	n := len(dirs)
	switch {
	case n >= 3 && dirs[n-1] == "fake" && versionLike.MatchString(dirs[n-2]):
		return 3
	case n >= 2 && versionLike.MatchString(dirs[n-1]):
		return 2
	}
	return 1
}
