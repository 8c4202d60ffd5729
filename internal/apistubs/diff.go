package apistubs

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// ChangeKind classifies one difference between a release stub and the live interfaces.
type ChangeKind string

// The kinds of change Diff reports.
const (
	Added            ChangeKind = "added"
	Removed          ChangeKind = "removed"
	Changed          ChangeKind = "changed"
	AddedInterface   ChangeKind = "added interface"
	RemovedInterface ChangeKind = "removed interface"
)

// Change is one difference, with where to look: the live declaration for added and changed methods,
// the release stub for removed ones.
type Change struct {
	Kind      ChangeKind
	Interface string // e.g. "corev1.PodInterface"
	Method    string // empty for whole interfaces
	Old, New  string // signatures; Old empty for additions, New empty for removals
	Pos       token.Position
}

// Report lists the differences between a release stub and the live interfaces.
type Report struct {
	Release string
	Policy  Policy
	File    string
	Changes []Change
}

// Breaking reports whether the release's policy forbids any of the changes.
func (r *Report) Breaking() bool {
	for _, c := range r.Changes {
		if c.breaks(r.Policy) {
			return true
		}
	}
	return false
}

func (c Change) breaks(p Policy) bool {
	switch c.Kind {
	case Removed, Changed, RemovedInterface:
		return true
	case Added:
		return p == Strict
	}
	return false
}

// String renders the report for a human reviewer.
func (r *Report) String() string {
	var b strings.Builder
	verdict := "compatible"
	if r.Breaking() {
		verdict = "BREAKING"
	}
	fmt.Fprintf(&b, "release %s (%s), %s: %d change(s), %s\n", r.Release, r.Policy, r.File, len(r.Changes), verdict)
	for _, c := range r.Changes {
		name := c.Interface
		if c.Method != "" {
			name += "." + c.Method
		}
		mark := ""
		if c.breaks(r.Policy) {
			mark = "  [breaks " + string(r.Policy) + "]"
		}
		fmt.Fprintf(&b, "  %-17s %s  %s%s\n", c.Kind, name, c.Pos, mark)
		if c.Old != "" {
			fmt.Fprintf(&b, "      was  %s%s\n", c.Method, c.Old)
		}
		if c.New != "" {
			fmt.Fprintf(&b, "      now  %s%s\n", c.Method, c.New)
		}
	}
	return b.String()
}

// Diff compares a release stub with the live interfaces it froze.
func Diff(o Options) (*Report, error) {
	if err := ValidateRelease(o.Release); err != nil {
		return nil, err
	}
	file := o.StubFile()
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:   o.Dir,
		Tests: true,
		Fset:  token.NewFileSet(),
	}
	pkgs, err := packages.Load(cfg, "./"+filepath.ToSlash(relTo(o.Dir, filepath.Dir(abs))))
	if err != nil {
		return nil, fmt.Errorf("loading release stubs in %s: %w", filepath.Dir(file), err)
	}
	pkg, syntax := findFile(pkgs, abs)
	if pkg == nil {
		return nil, fmt.Errorf("release %s: no stub file %s (cut one first)", o.Release, file)
	}
	for _, e := range pkg.Errors {
		if strings.Contains(e.Msg, "could not import") {
			return nil, fmt.Errorf("loading release stubs: %s", e)
		}
	}
	rep := &Report{Release: o.Release, Policy: policyOf(syntax), File: file}
	d := differ{fset: cfg.Fset, info: pkg.TypesInfo, imports: importsOf(pkg.Types), rep: rep, dir: o.Dir,
		names: newRenderer(nil)}
	d.compare(syntax)
	return rep, nil
}

func relTo(dir, target string) string {
	base, err := filepath.Abs(dir)
	if err != nil {
		return target
	}
	rel, err := filepath.Rel(base, target)
	if err != nil {
		return target
	}
	return rel
}

func findFile(pkgs []*packages.Package, abs string) (*packages.Package, *ast.File) {
	for _, p := range pkgs {
		for i, f := range p.CompiledGoFiles {
			if f == abs && i < len(p.Syntax) {
				return p, p.Syntax[i]
			}
		}
	}
	return nil, nil
}

func policyOf(f *ast.File) Policy {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if rest, ok := strings.CutPrefix(c.Text, releaseDirective); ok {
				if _, p, ok := strings.Cut(rest, "policy="); ok {
					return Policy(strings.TrimSpace(p))
				}
			}
		}
	}
	return Strict
}

func importsOf(p *types.Package) map[string]*types.Package {
	out := map[string]*types.Package{}
	if p == nil {
		return out
	}
	for _, imp := range p.Imports() {
		out[imp.Path()] = imp
	}
	return out
}

type differ struct {
	fset    *token.FileSet
	info    *types.Info
	imports map[string]*types.Package
	rep     *Report
	dir     string
	names   *renderer                  // names packages as the stub files do ("corev1", "metav1")
	frozen  map[string]map[string]bool // package path → frozen interface names
}

func (d *differ) compare(f *ast.File) {
	d.frozen = map[string]map[string]bool{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if target, ok := strings.CutPrefix(c.Text, skippedDirective); ok {
				d.mark(target)
			}
		}
	}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE || gd.Doc == nil {
			continue
		}
		for _, c := range gd.Doc.List {
			target, ok := strings.CutPrefix(c.Text, frozenDirective)
			if !ok {
				continue
			}
			pkgPath, name := d.mark(target)
			for _, spec := range gd.Specs {
				d.compareInterface(spec.(*ast.TypeSpec), pkgPath, name)
			}
		}
	}
	d.addedInterfaces()
	sort.SliceStable(d.rep.Changes, func(i, j int) bool {
		a, b := d.rep.Changes[i], d.rep.Changes[j]
		if a.Interface != b.Interface {
			return a.Interface < b.Interface
		}
		return a.Method < b.Method
	})
}

// mark records "path.Name" as known to the release and splits it.
func (d *differ) mark(target string) (pkgPath, name string) {
	dot := strings.LastIndex(target, ".")
	pkgPath, name = target[:dot], target[dot+1:]
	if d.frozen[pkgPath] == nil {
		d.frozen[pkgPath] = map[string]bool{}
	}
	d.frozen[pkgPath][name] = true
	return pkgPath, name
}

func (d *differ) pos(p token.Pos) token.Position {
	pos := d.fset.Position(p)
	if rel := relTo(d.dir, pos.Filename); rel != "" && !strings.HasPrefix(rel, "..") {
		pos.Filename = rel
	}
	return pos
}

func (d *differ) qualifier(p *types.Package) string { return d.names.name(p.Path()) }

func (d *differ) sig(m *types.Func) string {
	return strings.TrimPrefix(types.TypeString(m.Type(), d.qualifier), "func")
}

func (d *differ) compareInterface(spec *ast.TypeSpec, pkgPath, name string) {
	obj, _ := d.info.Defs[spec.Name].(*types.TypeName)
	if obj == nil {
		return
	}
	frozenIface, _ := obj.Type().Underlying().(*types.Interface)
	livePkg := d.imports[pkgPath]
	display := d.names.name(pkgPath) + "." + name
	var liveIface *types.Interface
	if livePkg != nil {
		if tn, ok := livePkg.Scope().Lookup(name).(*types.TypeName); ok {
			liveIface, _ = tn.Type().Underlying().(*types.Interface)
		}
	}
	if frozenIface == nil {
		return
	}
	if liveIface == nil {
		d.add(Change{Kind: RemovedInterface, Interface: display, Pos: d.pos(spec.Pos())})
		return
	}
	live := methodsByName(liveIface)
	for i := 0; i < frozenIface.NumMethods(); i++ {
		fm := frozenIface.Method(i)
		lm, ok := live[fm.Name()]
		switch {
		case !ok:
			d.add(Change{Kind: Removed, Interface: display, Method: fm.Name(), Old: d.sig(fm), Pos: d.pos(fm.Pos())})
		case !types.Identical(fm.Type(), lm.Type()):
			d.add(Change{Kind: Changed, Interface: display, Method: fm.Name(), Old: d.sig(fm), New: d.sig(lm), Pos: d.pos(lm.Pos())})
		}
		delete(live, fm.Name())
	}
	for _, lm := range live {
		d.add(Change{Kind: Added, Interface: display, Method: lm.Name(), New: d.sig(lm), Pos: d.pos(lm.Pos())})
	}
}

// addedInterfaces reports exported interfaces of the frozen packages that the release did not have.
func (d *differ) addedInterfaces() {
	for pkgPath, names := range d.frozen {
		p := d.imports[pkgPath]
		if p == nil {
			continue
		}
		for _, name := range p.Scope().Names() {
			tn, ok := p.Scope().Lookup(name).(*types.TypeName)
			if !ok || !tn.Exported() || names[name] || tn.IsAlias() {
				continue
			}
			if _, ok := tn.Type().Underlying().(*types.Interface); ok {
				d.add(Change{Kind: AddedInterface, Interface: d.names.name(pkgPath) + "." + name, Pos: d.pos(tn.Pos())})
			}
		}
	}
}

func (d *differ) add(c Change) { d.rep.Changes = append(d.rep.Changes, c) }

func methodsByName(it *types.Interface) map[string]*types.Func {
	out := make(map[string]*types.Func, it.NumMethods())
	for i := 0; i < it.NumMethods(); i++ {
		out[it.Method(i).Name()] = it.Method(i)
	}
	return out
}
