package deepcopygen

import (
	"bytes"
	"errors"
	"io"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// deepCopyGenerator writes the deep-copy methods of one package's types into one file.
type deepCopyGenerator struct {
	generator.GoGenerator
	pkg     string
	plan    *planner
	imports *namer.DefaultImportTracker
	errs    []error
}

func newGenerator(filename, pkg string, plan *planner) *deepCopyGenerator {
	return &deepCopyGenerator{
		GoGenerator: generator.GoGenerator{OutputFilename: filename},
		pkg:         pkg,
		plan:        plan,
		imports:     generator.NewImportTrackerForPackage(pkg),
	}
}

// Filter keeps the types of this package the plan generates for.
func (g *deepCopyGenerator) Filter(_ *generator.Context, t *types.Type) bool {
	_, ok := g.plan.generated[t]
	return ok && t.Name.Package == g.pkg
}

// Namers adds the "raw" namer that spells types as this package sees them and tracks imports.
func (g *deepCopyGenerator) Namers(*generator.Context) namer.NameSystems {
	return namer.NameSystems{"raw": namer.NewRawNamer(g.pkg, g.imports)}
}

// Imports lists the packages the generated code refers to.
func (g *deepCopyGenerator) Imports(*generator.Context) []string {
	return g.imports.ImportLines()
}

// GenerateType writes the methods of one type. Errors are collected, so every uncopyable type of
// the package is reported, and returned from Finalize.
func (g *deepCopyGenerator) GenerateType(c *generator.Context, t *types.Type, w io.Writer) error {
	var buf bytes.Buffer
	tw := &typeWriter{emitter: emitter{w: &buf, plan: g.plan, raw: c.Namers["raw"]}, t: t, tags: g.plan.generated[t]}
	if errs := tw.write(); len(errs) > 0 {
		g.errs = append(g.errs, errs...)
		return nil
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Finalize returns every error GenerateType collected.
func (g *deepCopyGenerator) Finalize(*generator.Context, io.Writer) error {
	return errors.Join(g.errs...)
}
