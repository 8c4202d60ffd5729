package output

import (
	"fmt"
	gotypes "go/types"
	"strings"

	"k8s.io/gengo/v2/types"
)

// walk returns the universe type for in, creating it (and every type it refers to) on first use.
// useName names the type when in is the underlying type of a named type.
func (b *universeBuilder) walk(useName *types.Name, in gotypes.Type) *types.Type {
	if alias, ok := in.(*gotypes.Alias); ok {
		return b.walk(useName, gotypes.Unalias(alias))
	}
	name := typeName(in)
	if useName != nil {
		name = *useName
	}
	switch t := in.(type) {
	case *gotypes.Named:
		return b.walkNamed(t)
	case *gotypes.Basic:
		return b.basic(t)
	case *gotypes.TypeParam:
		// Type parameters are scoped to their declaration; never share them through the universe.
		return &types.Type{Name: name, Kind: types.TypeParam}
	}
	out := b.u.Type(name)
	if out.Kind != types.Unknown {
		return out
	}
	out.GoType = in
	switch t := in.(type) {
	case *gotypes.Struct:
		out.Kind = types.Struct
		for i := 0; i < t.NumFields(); i++ {
			f := t.Field(i)
			out.Members = append(out.Members, types.Member{
				Name:         f.Name(),
				Embedded:     f.Anonymous(),
				Tags:         t.Tag(i),
				Type:         b.walk(nil, f.Type()),
				CommentLines: splitLines(b.docComment(f.Pos()).Text()),
			})
		}
	case *gotypes.Map:
		out.Kind = types.Map
		out.Elem = b.walk(nil, t.Elem())
		out.Key = b.walk(nil, t.Key())
	case *gotypes.Pointer:
		out.Kind = types.Pointer
		out.Elem = b.walk(nil, t.Elem())
	case *gotypes.Slice:
		out.Kind = types.Slice
		out.Elem = b.walk(nil, t.Elem())
	case *gotypes.Array:
		out.Kind = types.Array
		out.Elem = b.walk(nil, t.Elem())
		out.Len = t.Len()
	case *gotypes.Chan:
		out.Kind = types.Chan
		out.Elem = b.walk(nil, t.Elem())
	case *gotypes.Signature:
		out.Kind = types.Func
		out.Signature = b.signature(t)
	case *gotypes.Interface:
		out.Kind = types.Interface
		for i := 0; i < t.NumMethods(); i++ {
			b.addMethod(out, t.Method(i))
		}
	default:
		out.Kind = types.Unsupported
	}
	return out
}

// walkNamed handles a defined type. Named basic, map and slice types become Alias kinds with an
// Underlying; named structs and interfaces take their underlying shape; any other named type is
// flattened onto its underlying shape, as gengo's parser does.
func (b *universeBuilder) walkNamed(t *gotypes.Named) *types.Type {
	name := typeName(t)
	if out := b.u.Type(name); out.Kind != types.Unknown {
		return out
	}
	var out *types.Type
	switch t.Underlying().(type) {
	case *gotypes.Basic, *gotypes.Map, *gotypes.Slice:
		out = b.u.Type(name)
		out.Kind = types.Alias
		out.GoType = t
		out.Underlying = b.walk(nil, t.Underlying())
	default:
		out = b.walk(&name, t.Underlying())
		out.TypeParams = b.typeParams(t)
	}
	out.GoType = t
	if len(out.CommentLines) == 0 {
		// Types of packages that are not inputs get their doc comments too: their tags
		// (+structType on metav1.LabelSelector, say) shape the types that use them.
		b.addComments(t.Obj(), out)
	}
	if len(out.Methods) == 0 {
		for i := 0; i < t.NumMethods(); i++ {
			b.addMethod(out, t.Method(i))
		}
	}
	return out
}

func (b *universeBuilder) typeParams(t *gotypes.Named) map[string]*types.Type {
	if t.TypeParams().Len() == 0 {
		return nil
	}
	params := map[string]*types.Type{}
	for i := 0; i < t.TypeParams().Len(); i++ {
		tp := t.TypeParams().At(i)
		params[tp.Obj().Name()] = b.walk(nil, tp.Constraint())
	}
	return params
}

func (b *universeBuilder) addMethod(out *types.Type, m *gotypes.Func) {
	if out.Methods == nil {
		out.Methods = map[string]*types.Type{}
	}
	name := types.Name{Name: m.String()}
	mt := b.walk(&name, m.Type())
	mt.CommentLines = splitLines(b.docComment(m.Pos()).Text())
	out.Methods[m.Name()] = mt
}

func (b *universeBuilder) signature(t *gotypes.Signature) *types.Signature {
	sig := &types.Signature{Variadic: t.Variadic()}
	for i := 0; i < t.Params().Len(); i++ {
		p := t.Params().At(i)
		sig.Parameters = append(sig.Parameters, &types.ParamResult{Name: p.Name(), Type: b.walk(nil, p.Type())})
	}
	for i := 0; i < t.Results().Len(); i++ {
		r := t.Results().At(i)
		sig.Results = append(sig.Results, &types.ParamResult{Name: r.Name(), Type: b.walk(nil, r.Type())})
	}
	if recv := t.Recv(); recv != nil {
		sig.Receiver = b.walk(nil, recv.Type())
	}
	return sig
}

// basic returns the builtin type for a Go basic type. gengo's shared builtin table maps some
// names onto others (int8 onto byte); such types get their own correctly named entry here so that
// generated code spells them right. Untyped constant types, and the invalid type go/types gives
// an expression that does not type-check, are Unsupported.
func (b *universeBuilder) basic(t *gotypes.Basic) *types.Type {
	builtins := b.u.Package("")
	if out, ok := builtins.Types[t.Name()]; ok {
		return out
	}
	out := builtins.Type(t.Name())
	switch {
	case t.Kind() == gotypes.Invalid || t.Info()&gotypes.IsUntyped != 0:
		out = &types.Type{Name: types.Name{Name: t.Name()}, Kind: types.Unsupported}
	case out.Name.Name != t.Name() && !(t.Kind() == gotypes.Uint8 && out == types.Byte):
		out = &types.Type{Name: types.Name{Name: t.Name()}, Kind: types.Builtin}
	case out.Kind == types.Unknown:
		out.Kind = types.Builtin
	}
	builtins.Types[t.Name()] = out
	return out
}

// typeName is the gengo name of a Go type: package path and name for named types, the Go spelling
// (with full package paths) for anonymous ones.
func typeName(in gotypes.Type) types.Name {
	switch t := in.(type) {
	case *gotypes.Named:
		obj := t.Obj()
		n := types.Name{Name: obj.Name()}
		if obj.Pkg() != nil {
			n.Package = obj.Pkg().Path()
		}
		if args := t.TypeArgs(); args.Len() > 0 {
			parts := make([]string, args.Len())
			for i := range parts {
				parts[i] = args.At(i).String()
			}
			n.Name += "[" + strings.Join(parts, ",") + "]"
		} else if params := t.TypeParams(); params.Len() > 0 {
			parts := make([]string, params.Len())
			for i := range parts {
				parts[i] = params.At(i).Obj().Name()
			}
			n.Name += "[" + strings.Join(parts, ",") + "]"
		}
		return n
	case *gotypes.Basic:
		return types.Name{Name: t.Name()}
	case nil:
		return types.Name{Name: fmt.Sprint(nil)}
	}
	return types.Name{Name: in.String()}
}
