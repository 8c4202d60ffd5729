package output

import (
	"go/ast"
	"go/constant"
	"go/token"
	gotypes "go/types"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
	"k8s.io/gengo/v2/types"
)

// universeBuilder turns type-checked packages into a gengo types.Universe with the same shape gengo's
// own parser produces (names, kinds, members, methods, comment lines, doc.go comments), so gengo
// generators and namers work on it unchanged.
type universeBuilder struct {
	u         types.Universe
	fset      *token.FileSet
	comments  *commentIndex
	requested map[string]bool
	done      map[string]bool
}

func newUniverseBuilder(fset *token.FileSet, comments *commentIndex, requested map[string]bool) *universeBuilder {
	return &universeBuilder{
		u:         types.Universe{},
		fset:      fset,
		comments:  comments,
		requested: requested,
		done:      map[string]bool{},
	}
}

// addPackage registers pkg and its imports; requested packages also get their types, functions,
// variables and constants, with comments.
func (b *universeBuilder) addPackage(pkg *packages.Package) {
	if b.done[pkg.PkgPath] {
		return
	}
	b.done[pkg.PkgPath] = true
	gp := b.u.Package(pkg.PkgPath)
	gp.Path = pkg.PkgPath
	gp.Name = pkg.Name
	gp.Dir = packageDir(pkg)
	for _, key := range slices.Sorted(maps.Keys(pkg.Imports)) {
		b.addPackage(pkg.Imports[key])
	}
	if !b.requested[pkg.PkgPath] {
		return
	}
	b.addDocFile(gp, pkg)
	b.addScope(pkg)
	imports := make([]string, 0, len(pkg.Imports))
	for _, imp := range pkg.Imports {
		imports = append(imports, imp.PkgPath)
	}
	slices.Sort(imports)
	b.u.AddImports(pkg.PkgPath, imports...)
}

// addDocFile records the comments of the package's doc.go, where package-wide tags live.
func (b *universeBuilder) addDocFile(gp *types.Package, pkg *packages.Package) {
	for _, f := range pkg.Syntax {
		if filepath.Base(b.fset.Position(f.FileStart).Filename) != "doc.go" {
			continue
		}
		gp.Comments = []string{}
		for _, c := range f.Comments {
			gp.Comments = append(gp.Comments, splitLines(c.Text())...)
		}
		if f.Doc != nil {
			gp.DocComments = splitLines(f.Doc.Text())
		}
	}
}

func (b *universeBuilder) addScope(pkg *packages.Package) {
	if pkg.Types == nil {
		return
	}
	scope := pkg.Types.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *gotypes.TypeName:
			b.addComments(obj, b.walk(nil, obj.Type()))
		case *gotypes.Func:
			t := b.u.Function(objName(obj))
			t.Kind = types.DeclarationOf
			t.Underlying = b.walk(nil, obj.Type())
			b.addComments(obj, t)
		case *gotypes.Var:
			t := b.u.Variable(objName(obj))
			t.Kind = types.DeclarationOf
			t.Underlying = b.walk(nil, obj.Type())
			b.addComments(obj, t)
		case *gotypes.Const:
			t := b.u.Constant(objName(obj))
			t.Kind = types.DeclarationOf
			t.Underlying = b.walk(nil, obj.Type())
			value := constValue(obj.Val())
			t.ConstValue = &value
			b.addComments(obj, t)
		}
	}
}

func objName(obj gotypes.Object) types.Name {
	return types.Name{Package: obj.Pkg().Path(), Name: obj.Name()}
}

func constValue(v constant.Value) string {
	if v.Kind() == constant.String {
		return constant.StringVal(v)
	}
	return v.String()
}

// addComments attaches the doc comment (and the detached block above it) of obj to t. An alias
// never overrides the comments of the type it names.
func (b *universeBuilder) addComments(obj gotypes.Object, t *types.Type) {
	_, isAlias := obj.Type().(*gotypes.Alias)
	if lines := splitLines(b.docComment(obj.Pos()).Text()); len(lines) > 0 && (len(t.CommentLines) == 0 || !isAlias) {
		t.CommentLines = lines
	}
	if lines := splitLines(b.detachedComment(obj.Pos()).Text()); len(lines) > 0 && (len(t.SecondClosestCommentLines) == 0 || !isAlias) {
		t.SecondClosestCommentLines = lines
	}
}

func (b *universeBuilder) docComment(pos token.Pos) *ast.CommentGroup {
	return b.comments.docComment(pos)
}

func (b *universeBuilder) detachedComment(pos token.Pos) *ast.CommentGroup {
	return b.comments.detachedComment(pos)
}

func splitLines(s string) []string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

// packageDir is the directory holding pkg's files.
func packageDir(pkg *packages.Package) string {
	if pkg.Module != nil && pkg.Module.Dir != "" {
		return filepath.Join(pkg.Module.Dir, strings.TrimPrefix(pkg.PkgPath, pkg.Module.Path))
	}
	for _, files := range [][]string{pkg.GoFiles, pkg.CompiledGoFiles, pkg.OtherFiles, pkg.IgnoredFiles} {
		if len(files) > 0 {
			return filepath.Dir(files[0])
		}
	}
	return ""
}
