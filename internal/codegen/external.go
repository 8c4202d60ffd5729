package codegen

import (
	"fmt"
	"go/ast"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
	"k8s.io/gengo/v2/types"
)

// externalTypes checks types named by +genclient:method tags whose packages the run did not load
// (k8s.io/api/autoscaling/v1.Scale from a CRD project): it parses each such package once, without
// type-checking it, and looks for the type's declaration.
type externalTypes struct {
	mu   sync.Mutex
	pkgs map[string]*packages.Package
}

// check says why n cannot be a method's input or result, "" if it can.
func (e *externalTypes) check(n types.Name) string {
	pkg, err := e.load(n.Package)
	if err != nil {
		return err.Error()
	}
	spec, st := findStruct(pkg, n.Name)
	switch {
	case spec == nil:
		return fmt.Sprintf("type %s not found in package %s", n.Name, n.Package)
	case st == nil:
		return fmt.Sprintf("%s is not a struct: a method's input and result are API objects", n)
	case !embedsTypeMeta(st) || !hasMethod(pkg, n.Name, "DeepCopyObject"):
		return fmt.Sprintf("%s is not a runtime.Object (it needs metav1.TypeMeta and a DeepCopyObject method)", n)
	}
	return ""
}

func (e *externalTypes) load(path string) (*packages.Package, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if pkg, ok := e.pkgs[path]; ok {
		return pkg, nil
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax}, path)
	if err != nil {
		return nil, fmt.Errorf("package %s: %w", path, err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 || len(pkgs[0].Syntax) == 0 {
		return nil, fmt.Errorf("package %s not found: it must be in the module's dependencies", path)
	}
	if e.pkgs == nil {
		e.pkgs = map[string]*packages.Package{}
	}
	e.pkgs[path] = pkgs[0]
	return pkgs[0], nil
}

// findStruct returns the declaration of the type called name, and its struct type when it is one.
func findStruct(pkg *packages.Package, name string) (*ast.TypeSpec, *ast.StructType) {
	for _, f := range pkg.Syntax {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, s := range g.Specs {
				if ts, ok := s.(*ast.TypeSpec); ok && ts.Name.Name == name {
					st, _ := ts.Type.(*ast.StructType)
					return ts, st
				}
			}
		}
	}
	return nil, nil
}

func embedsTypeMeta(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if sel, ok := f.Type.(*ast.SelectorExpr); ok && len(f.Names) == 0 && sel.Sel.Name == "TypeMeta" {
			return true
		}
	}
	return false
}

// hasMethod reports whether the package declares method on typeName (either receiver).
func hasMethod(pkg *packages.Package, typeName, method string) bool {
	for _, f := range pkg.Syntax {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Name.Name != method || len(fd.Recv.List) != 1 {
				continue
			}
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok && strings.TrimSpace(id.Name) == typeName {
				return true
			}
		}
	}
	return false
}
