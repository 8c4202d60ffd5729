package output

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"go/scanner"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// Job is the work of one generator: its context (from Loaded.NewContext), its targets and the
// directories it owns beyond its targets' own.
type Job struct {
	Context *generator.Context
	Targets []generator.Target
	// Roots are where Run looks for the job's stale files besides the directories its targets
	// write to (which it always owns): see Root.
	Roots []Root
}

// File is one generated Go file, assembled and gofmt'ed, not yet written.
type File struct {
	// Path is the file's path: the target's Dir joined with the generator's Filename.
	Path string
	// Content is the formatted source.
	Content []byte
}

// Generate runs every target of every job and returns the files they produce, sorted by path. It
// runs all of them even when some fail, and then returns every error (joined) and no files, so
// nothing is written unless every generator succeeded. Two generators of the same target may add to
// one file; two targets producing the same path are an error.
func Generate(jobs ...Job) ([]File, error) {
	files, _, err := generate(jobs)
	return files, err
}

// generate is Generate that also returns, per job, what the job owns on disk.
func generate(jobs []Job) ([]File, []owner, error) {
	var pending []*pendingFile
	var errs []error
	owners := make([]owner, len(jobs))
	for i, job := range jobs {
		owners[i] = newOwner(job.Roots)
		for _, tgt := range job.Targets {
			files, err := executeTarget(job.Context, tgt)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			pending = append(pending, files...)
			for _, f := range files {
				owners[i].addTarget(filepath.Dir(f.path), f.file.Header)
			}
		}
	}
	if err := checkDuplicates(pending); err != nil {
		errs = append(errs, err)
	}
	files, err := formatAll(pending)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return files, owners, nil
}

// pendingFile is a gengo File with its destination path.
type pendingFile struct {
	path string
	file *generator.File
}

func checkDuplicates(files []*pendingFile) error {
	seen := map[string]bool{}
	var errs []error
	for _, f := range files {
		if seen[f.path] {
			errs = append(errs, fmt.Errorf("%s is produced by two targets", f.path))
		}
		seen[f.path] = true
	}
	return errors.Join(errs...)
}

// executeTarget runs the generators of one target, following gengo's call order: target filter,
// generator filter, namers, package vars and consts, Init, GenerateType per type, Finalize, Imports.
func executeTarget(c *generator.Context, tgt generator.Target) ([]*pendingFile, error) {
	if tgt.Dir() == "" {
		return nil, fmt.Errorf("target %s has no output directory", tgt.Path())
	}
	pkgContext := filtered(c, tgt.Filter)
	files := map[string]*generator.File{}
	var order []string
	for _, g := range tgt.Generators(pkgContext) {
		if g.FileType() != generator.GoFileType {
			return nil, fmt.Errorf("target %s: generator %q: file type %q is not supported (only %q)", tgt.Path(), g.Name(), g.FileType(), generator.GoFileType)
		}
		f := files[g.Filename()]
		if f == nil {
			f = &generator.File{
				Name:        g.Filename(),
				FileType:    g.FileType(),
				PackageName: tgt.Name(),
				PackagePath: tgt.Path(),
				PackageDir:  tgt.Dir(),
				Header:      tgt.Header(g.Filename()),
				Imports:     map[string]struct{}{},
			}
			files[f.Name] = f
			order = append(order, f.Name)
		}
		if err := runGenerator(withNamers(filtered(pkgContext, g.Filter), g), g, f); err != nil {
			return nil, err // generators name the file:line at fault themselves
		}
	}
	out := make([]*pendingFile, 0, len(order))
	for _, name := range order {
		out = append(out, &pendingFile{path: filepath.Join(tgt.Dir(), name), file: files[name]})
	}
	return out, nil
}

func runGenerator(c *generator.Context, g generator.Generator, f *generator.File) error {
	writeDecls(&f.Vars, g.Name(), "variables", g.PackageVars(c))
	writeDecls(&f.Consts, g.Name(), "consts", g.PackageConsts(c))
	w := generator.NewErrorTracker(&f.Body)
	if err := g.Init(c, w); err != nil {
		return err
	}
	for _, t := range c.Order {
		if err := g.GenerateType(c, t, w); err != nil {
			return err
		}
	}
	if err := g.Finalize(c, w); err != nil {
		return err
	}
	if err := w.Error(); err != nil {
		return err
	}
	for _, imp := range g.Imports(c) {
		f.Imports[imp] = struct{}{}
	}
	return nil
}

func writeDecls(buf *bytes.Buffer, generatorName, what string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(buf, "// Package-wide %s from generator %q.\n", what, generatorName)
	for _, line := range lines {
		fmt.Fprintf(buf, "%s\n", line)
	}
}

// filtered returns a copy of c whose Order holds only the types keep accepts.
func filtered(c *generator.Context, keep func(*generator.Context, *types.Type) bool) *generator.Context {
	c2 := *c
	c2.Order = make([]*types.Type, 0, len(c.Order))
	for _, t := range c.Order {
		if keep(c, t) {
			c2.Order = append(c2.Order, t)
		}
	}
	return &c2
}

// withNamers returns a copy of c with the generator's own name systems added (they win on a clash).
func withNamers(c *generator.Context, g generator.Generator) *generator.Context {
	extra := g.Namers(c)
	if len(extra) == 0 {
		return c
	}
	c2 := *c
	c2.Namers = namer.NameSystems{}
	for name, n := range c.Namers {
		c2.Namers[name] = n
	}
	for name, n := range extra {
		c2.Namers[name] = n
	}
	return &c2
}

// formatAll assembles and gofmts the files in parallel (go/format, in process) and returns them
// sorted by path.
func formatAll(pending []*pendingFile) ([]File, error) {
	out := make([]File, len(pending))
	errs := make([]error, len(pending))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, p := range pending {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = formatFile(p)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

func formatFile(p *pendingFile) (File, error) {
	src := Assemble(p.file)
	formatted, err := format.Source(src)
	if err != nil {
		return File{}, fmt.Errorf("generated %s does not parse (a generator bug): %w\n%s", p.path, err, around(src, err))
	}
	return File{Path: p.path, Content: formatted}, nil
}

// Assemble writes a gengo File as Go source: header, package clause, sorted imports, package vars
// and consts, body. The result is not yet formatted.
func Assemble(f *generator.File) []byte {
	var b bytes.Buffer
	b.Write(f.Header)
	fmt.Fprintf(&b, "package %s\n\n", f.PackageName)
	if len(f.Imports) > 0 {
		b.WriteString("import (\n")
		for _, imp := range slices.Sorted(maps.Keys(f.Imports)) {
			if strings.Contains(imp, `"`) {
				fmt.Fprintf(&b, "\t%s\n", imp)
			} else {
				fmt.Fprintf(&b, "\t%q\n", imp)
			}
		}
		b.WriteString(")\n\n")
	}
	if f.Vars.Len() > 0 {
		fmt.Fprintf(&b, "var (\n%s)\n\n", f.Vars.Bytes())
	}
	if f.Consts.Len() > 0 {
		fmt.Fprintf(&b, "const (\n%s)\n\n", f.Consts.Bytes())
	}
	b.Write(f.Body.Bytes())
	return b.Bytes()
}

// around returns the numbered source lines around the first syntax error in err.
func around(src []byte, err error) string {
	var list scanner.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		return ""
	}
	line := list[0].Pos.Line
	var b strings.Builder
	for i, text := range strings.Split(string(src), "\n") {
		if n := i + 1; n >= line-5 && n <= line+5 {
			fmt.Fprintf(&b, "%5d  %s\n", n, text)
		}
	}
	return b.String()
}
