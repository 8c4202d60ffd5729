package output

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	gotypes "go/types"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// LoadOptions tune Load.
type LoadOptions struct {
	// BuildTags are passed to the go command as -tags.
	BuildTags []string
	// Dir is the directory the patterns are resolved in (default: the current directory).
	Dir string
	// Env overrides the go command's environment (default: os.Environ()).
	Env []string
}

// Loaded is the result of one package load: a gengo universe of the requested packages (and every
// type they reach), shared by all generators of a run.
type Loaded struct {
	// Universe holds every loaded package and type, in gengo's model.
	Universe types.Universe
	// Inputs are the import paths the patterns matched, sorted.
	Inputs []string
	// Patterns are the load's patterns as import path patterns ("./apis/..." becomes
	// "example.com/m/apis/..."), which match packages that no longer exist too: a run owns the
	// generated files of every package its patterns cover (see Root). A directory pattern outside
	// every loaded module is left out.
	Patterns []string
	// Fset positions every parsed file.
	Fset *token.FileSet

	comments *commentIndex
	docFiles map[string]*ast.File         // package path -> its doc.go
	pkgs     map[string]*packages.Package // every loaded package by path
	builder  *universeBuilder
	mu       *sync.Mutex // guards builder; shared by subsets
}

// loadMode is what the generators need: names, files, module (for directories), syntax with
// comments and types, for the requested packages and their dependencies.
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps |
	packages.NeedModule | packages.NeedTypes | packages.NeedSyntax

// Load loads the packages matched by patterns in a single go/packages call and builds the gengo
// universe for them. Dependencies are type-checked from source, so input packages need not compile
// yet (their generated methods may be missing); only list and syntax errors fail the load.
// Function bodies are dropped while parsing: no generator looks into them, and skipping them
// halves the cost of type-checking the dependency closure.
func Load(patterns []string, opts LoadOptions) (*Loaded, error) {
	if len(patterns) == 0 {
		return nil, errors.New("no input packages given")
	}
	cfg := &packages.Config{
		Mode:      loadMode,
		Dir:       opts.Dir,
		Env:       opts.Env,
		Fset:      token.NewFileSet(),
		ParseFile: parseWithoutBodies,
	}
	if len(opts.BuildTags) > 0 {
		cfg.BuildFlags = []string{"-tags", strings.Join(opts.BuildTags, ",")}
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	if len(roots) == 0 {
		return nil, fmt.Errorf("no packages match %s", strings.Join(patterns, " "))
	}
	if err := loadErrors(roots); err != nil {
		return nil, err
	}
	l := newLoaded(cfg.Fset, roots)
	l.Patterns = importPatterns(patterns, opts.Dir, roots)
	return l, nil
}

// parseWithoutBodies parses a file with comments and without function bodies. go/packages calls it
// from several goroutines; the FileSet is safe for that.
func parseWithoutBodies(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	f, err := parser.ParseFile(fset, filename, src, parser.ParseComments|parser.SkipObjectResolution)
	if f != nil {
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok {
				fn.Body = nil
			}
		}
	}
	return f, err
}

// loadErrors reports list and parse errors anywhere in the closure. Type errors are tolerated.
func loadErrors(roots []*packages.Package) error {
	var errs []error
	packages.Visit(roots, nil, func(pkg *packages.Package) {
		for _, e := range pkg.Errors {
			if e.Kind == packages.ListError || e.Kind == packages.ParseError || e.Kind == packages.UnknownError {
				errs = append(errs, fmt.Errorf("package %s: %w", pkg.PkgPath, e))
			}
		}
	})
	return errors.Join(errs...)
}

func newLoaded(fset *token.FileSet, roots []*packages.Package) *Loaded {
	l := &Loaded{Fset: fset, comments: newCommentIndex(fset, roots), docFiles: map[string]*ast.File{}, pkgs: map[string]*packages.Package{}, mu: &sync.Mutex{}}
	packages.Visit(roots, nil, func(pkg *packages.Package) { l.pkgs[pkg.PkgPath] = pkg })
	requested := map[string]bool{}
	for _, pkg := range roots {
		if requested[pkg.PkgPath] {
			continue
		}
		requested[pkg.PkgPath] = true
		l.Inputs = append(l.Inputs, pkg.PkgPath)
		l.findDocFile(pkg)
	}
	slices.Sort(l.Inputs)
	b := newUniverseBuilder(fset, l.comments, requested)
	for _, pkg := range roots {
		b.addPackage(pkg)
	}
	l.Universe = b.u
	l.builder = b
	return l
}

// Subset returns a view of the same load whose Inputs are only paths (which must be among
// l.Inputs), to run a generator on part of what was loaded.
func (l *Loaded) Subset(paths ...string) (*Loaded, error) {
	for _, p := range paths {
		if !slices.Contains(l.Inputs, p) {
			return nil, fmt.Errorf("%s is not an input of this load", p)
		}
	}
	sub := *l
	sub.Inputs = slices.Sorted(slices.Values(paths))
	return &sub, nil
}

// LookupType returns the named type pkgPath.name from any loaded package (inputs or their
// dependencies), adding it to the universe if no input refers to it yet; nil if there is no such
// type in the loaded packages.
func (l *Loaded) LookupType(pkgPath, name string) *types.Type {
	l.mu.Lock()
	defer l.mu.Unlock()
	if pkg := l.Universe[pkgPath]; pkg != nil {
		if t := pkg.Types[name]; t != nil && t.Kind != types.Unknown {
			return t
		}
	}
	pkg := l.pkgs[pkgPath]
	if pkg == nil || pkg.Types == nil {
		return nil
	}
	obj, ok := pkg.Types.Scope().Lookup(name).(*gotypes.TypeName)
	if !ok {
		return nil
	}
	return l.builder.walk(nil, obj.Type())
}

// findDocFile remembers pkg's doc.go, where package-wide tags live.
func (l *Loaded) findDocFile(pkg *packages.Package) {
	for _, f := range pkg.Syntax {
		if filepath.Base(l.Fset.Position(f.FileStart).Filename) == "doc.go" {
			l.docFiles[pkg.PkgPath] = f
		}
	}
}

// orderMu guards namer.Orderer, whose namers cache names in unsynchronised maps.
var orderMu sync.Mutex

// NewContext returns a gengo generator context over the loaded universe with the given name
// systems, its canonical type order taken from the canonicalOrderName system (as
// generator.NewContext does). Each generator gets its own context; they share the universe. The
// context has no parser: generators must not call its LoadPackages or FindPackages.
func (l *Loaded) NewContext(nameSystems namer.NameSystems, canonicalOrderName string) *generator.Context {
	c := &generator.Context{
		Namers:    namer.NameSystems{},
		Universe:  l.Universe,
		Inputs:    slices.Clone(l.Inputs),
		FileTypes: map[string]generator.FileType{generator.GoFileType: generator.NewGoFile()},
	}
	for name, n := range nameSystems {
		c.Namers[name] = n
		if name == canonicalOrderName {
			orderMu.Lock()
			c.Order = (&namer.Orderer{Namer: n}).OrderUniverse(l.Universe)
			orderMu.Unlock()
		}
	}
	return c
}
