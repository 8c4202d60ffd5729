package output

import (
	"go/ast"
	"go/token"
	"sync"

	"golang.org/x/tools/go/packages"
)

// commentIndex finds comment groups by the file and line they end on, which is how a
// declaration's doc comment (the group ending on the line above it) is found. Files are indexed on
// first use, so comments of dependency packages cost nothing unless a generator asks for them.
type commentIndex struct {
	fset    *token.FileSet
	mu      sync.Mutex
	files   map[string]*ast.File // every parsed file, by name
	indexed map[string]bool
	byEnd   map[fileLine]*ast.CommentGroup
}

// fileLine keys comment groups by the file and line they end on.
type fileLine struct {
	file string
	line int
}

func newCommentIndex(fset *token.FileSet, roots []*packages.Package) *commentIndex {
	ci := &commentIndex{fset: fset, files: map[string]*ast.File{}, indexed: map[string]bool{}, byEnd: map[fileLine]*ast.CommentGroup{}}
	packages.Visit(roots, nil, func(pkg *packages.Package) {
		for _, f := range pkg.Syntax {
			ci.files[fset.Position(f.FileStart).Filename] = f
		}
	})
	return ci
}

// endingOn returns the comment group that ends on line of file, or nil.
func (ci *commentIndex) endingOn(file string, line int) *ast.CommentGroup {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	if !ci.indexed[file] {
		ci.indexed[file] = true
		if f := ci.files[file]; f != nil {
			for _, c := range f.Comments {
				ci.byEnd[fileLine{file, ci.fset.Position(c.End()).Line}] = c
			}
		}
	}
	return ci.byEnd[fileLine{file, line}]
}

// docComment is the comment group ending on the line just before pos.
func (ci *commentIndex) docComment(pos token.Pos) *ast.CommentGroup {
	return ci.endingBefore(pos, 1)
}

// detachedComment is the comment group separated by one blank line from the doc comment of pos
// (or from pos itself when it has no doc comment).
func (ci *commentIndex) detachedComment(pos token.Pos) *ast.CommentGroup {
	if doc := ci.docComment(pos); doc != nil {
		return ci.endingBefore(doc.List[0].Slash, 2)
	}
	return ci.endingBefore(pos, 2)
}

func (ci *commentIndex) endingBefore(pos token.Pos, lines int) *ast.CommentGroup {
	if !pos.IsValid() {
		return nil
	}
	p := ci.fset.Position(pos)
	return ci.endingOn(p.Filename, p.Line-lines)
}
