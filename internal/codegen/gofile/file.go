package gofile

import (
	"io"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// File generates one Go file: its write function emits snippets in which types are named with
// "$.x|raw$", which records the imports the file needs.
type File struct {
	generator.GoGenerator
	pkgPath   string
	imports   *namer.DefaultImportTracker
	write     func(sw *generator.SnippetWriter)
	emit      func(w io.Writer, raw namer.Namer) error
	preferred []string
	reserved  map[string]bool // package-level names imports must not take
}

// New returns the generator of the file called name in the package pkgPath.
func New(name, pkgPath string, write func(sw *generator.SnippetWriter)) *File {
	f := &File{
		GoGenerator: generator.GoGenerator{OutputFilename: name},
		pkgPath:     pkgPath,
		write:       write,
		reserved:    map[string]bool{},
	}
	f.imports = newImportTracker(pkgPath, f.reserved)
	return f
}

// NewEmitter returns the generator of the file called name in the package pkgPath whose emit function
// writes Go source straight to w, naming types with raw (which records the imports they need). It is
// for files written in bulk, where parsing a template per snippet would cost more than the rest of
// the run.
func NewEmitter(name, pkgPath string, emit func(w io.Writer, raw namer.Namer) error) *File {
	f := New(name, pkgPath, nil)
	f.emit = emit
	return f
}

// Prefer names the given packages before any other, so they get the shortest import names: API
// types get "corev1", a typed client imported in the same file then gets "typedcorev1".
func (f *File) Prefer(pkgs ...string) *File {
	f.preferred = append(f.preferred, pkgs...)
	return f
}

// Filter takes no universe types: the file is written from the model.
func (f *File) Filter(*generator.Context, *types.Type) bool { return false }

// Namers gives templates "raw", which names types relative to the file's package.
func (f *File) Namers(*generator.Context) namer.NameSystems {
	return namer.NameSystems{"raw": namer.NewRawNamer(f.pkgPath, f.imports)}
}

// Imports returns the import lines the names used so far need.
func (f *File) Imports(*generator.Context) []string { return f.imports.ImportLines() }

// Init writes the whole file.
func (f *File) Init(c *generator.Context, w io.Writer) error {
	for _, p := range f.preferred {
		f.imports.AddSymbol(types.Name{Package: p, Name: "_"})
	}
	if f.emit != nil {
		return f.emit(w, namer.NewRawNamer(f.pkgPath, f.imports))
	}
	sw := generator.NewSnippetWriter(w, c, "$", "$")
	f.write(sw)
	return sw.Error()
}

// Args returns the template arguments base (the symbols every template of a generator uses) plus
// the key/value pairs kv that one template adds: Args(common, "kind", k, "group", g).
func Args[K comparable, V any](base map[K]V, kv ...any) generator.Args {
	a := make(generator.Args, len(base)+len(kv)/2)
	for k, v := range base {
		a[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		a[kv[i]] = kv[i+1]
	}
	return a
}
