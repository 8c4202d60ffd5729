package apistubs

import (
	"go/token"
	"go/types"
	"sort"
)

// Policy says what changes a release stub tolerates.
type Policy string

const (
	// Strict tolerates no change: no method added, removed or changed.
	Strict Policy = "strict"
	// Additive tolerates new methods; removals and changed signatures still fail.
	Additive Policy = "additive"
)

// Valid reports whether p is a known policy.
func (p Policy) Valid() bool { return p == Strict || p == Additive }

// Interface is one exported interface type of a live package: its package path, its name and its
// complete method set (embedded interfaces expanded), sorted by method name.
type Interface struct {
	PkgPath string
	Name    string
	Methods []*types.Func
	Pos     token.Position
	// Stubbable is false when the method set cannot be implemented outside its package (an unexported
	// method, or a type only the package can name); such interfaces get the frozen check only.
	Stubbable bool
	// Skip is non-empty when the interface cannot be frozen at all, and says why.
	Skip string
}

// interfacesOf lists the exported, non-generic interfaces declared in pkg, sorted by name.
func interfacesOf(pkg *types.Package, fset *token.FileSet) []*Interface {
	var out []*Interface
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		iface, ok := named.Underlying().(*types.Interface)
		if !ok {
			continue
		}
		in := &Interface{PkgPath: pkg.Path(), Name: name, Pos: fset.Position(tn.Pos()), Stubbable: true}
		switch {
		case named.TypeParams().Len() > 0:
			in.Skip = "generic interface"
		case !iface.IsMethodSet():
			in.Skip = "constraint interface"
		}
		for i := 0; i < iface.NumMethods(); i++ {
			m := iface.Method(i)
			in.Methods = append(in.Methods, m)
			if !m.Exported() {
				in.Stubbable = false
			}
			if in.Skip == "" && !nameable(m.Type(), pkg) {
				in.Skip = "method " + m.Name() + " uses a type that cannot be named outside its package"
			}
		}
		sort.Slice(in.Methods, func(i, j int) bool { return in.Methods[i].Name() < in.Methods[j].Name() })
		out = append(out, in)
	}
	return out
}

// nameable reports whether every named type in t can be written down by another package.
func nameable(t types.Type, home *types.Package) bool {
	ok := true
	var walk func(types.Type)
	seen := map[types.Type]bool{}
	walk = func(t types.Type) {
		if !ok || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() != nil && !obj.Exported() {
				ok = false
				return
			}
			for i := 0; i < t.TypeArgs().Len(); i++ {
				walk(t.TypeArgs().At(i))
			}
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			walk(t.Params())
			walk(t.Results())
		case *types.Tuple:
			for i := 0; i < t.Len(); i++ {
				walk(t.At(i).Type())
			}
		case *types.Struct:
			for i := 0; i < t.NumFields(); i++ {
				if !t.Field(i).Exported() {
					ok = false
					return
				}
				walk(t.Field(i).Type())
			}
		case *types.Interface:
			for i := 0; i < t.NumMethods(); i++ {
				if !t.Method(i).Exported() {
					ok = false
					return
				}
				walk(t.Method(i).Type())
			}
		}
	}
	walk(t)
	return ok
}
