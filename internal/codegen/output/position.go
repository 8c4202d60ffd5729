package output

import (
	"go/ast"
	"go/token"
	gotypes "go/types"
	"strings"

	"k8s.io/gengo/v2/types"
)

// TypePosition is where the named type t is declared, or the zero Position for types without a
// declaration (builtins, anonymous types).
func (l *Loaded) TypePosition(t *types.Type) token.Position {
	if named, ok := t.GoType.(*gotypes.Named); ok {
		return l.Fset.Position(named.Obj().Pos())
	}
	return token.Position{}
}

// MemberPosition is where the field member of struct type t is declared; it falls back to the
// type's position.
func (l *Loaded) MemberPosition(t *types.Type, member string) token.Position {
	if t.GoType == nil {
		return token.Position{}
	}
	if st, ok := t.GoType.Underlying().(*gotypes.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Name() == member {
				return l.Fset.Position(st.Field(i).Pos())
			}
		}
	}
	return l.TypePosition(t)
}

// MethodPosition is where method name of the named type t is declared, or the zero Position.
func (l *Loaded) MethodPosition(t *types.Type, name string) token.Position {
	named, ok := t.GoType.(*gotypes.Named)
	if !ok {
		return token.Position{}
	}
	for i := 0; i < named.NumMethods(); i++ {
		if m := named.Method(i); m.Name() == name {
			return l.Fset.Position(m.Pos())
		}
	}
	return token.Position{}
}

// TagPosition is the position of the first comment line above the declaration of t (in its doc
// comment or the detached block above it, the lines gengo exposes as CommentLines and
// SecondClosestCommentLines) whose text starts with prefix, e.g. "+genclient:method=". It falls
// back to the type's position when no line matches.
func (l *Loaded) TagPosition(t *types.Type, prefix string) token.Position {
	named, ok := t.GoType.(*gotypes.Named)
	if !ok {
		return token.Position{}
	}
	pos := named.Obj().Pos()
	for _, group := range []*ast.CommentGroup{l.comments.detachedComment(pos), l.comments.docComment(pos)} {
		if p, ok := l.findLine(group, prefix); ok {
			return p
		}
	}
	return l.Fset.Position(pos)
}

// PackageTagPosition is the position of the first comment line of pkgPath's doc.go whose text
// starts with prefix, e.g. "+groupName=". It falls back to the start of doc.go, or the zero
// Position when the package has no doc.go.
func (l *Loaded) PackageTagPosition(pkgPath, prefix string) token.Position {
	f := l.docFiles[pkgPath]
	if f == nil {
		return token.Position{}
	}
	for _, group := range f.Comments {
		if p, ok := l.findLine(group, prefix); ok {
			return p
		}
	}
	return l.Fset.Position(f.FileStart)
}

func (l *Loaded) findLine(group *ast.CommentGroup, prefix string) (token.Position, bool) {
	if group == nil {
		return token.Position{}, false
	}
	for _, c := range group.List {
		text := strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))
		if strings.HasPrefix(text, prefix) {
			return l.Fset.Position(c.Slash), true
		}
	}
	return token.Position{}, false
}
