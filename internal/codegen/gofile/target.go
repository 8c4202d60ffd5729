package gofile

import (
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"
)

// DocFile is the file that carries a package's documentation.
const DocFile = "doc.go"

// Target returns a target writing the files of gens into the package pkgPath (named name, in dir).
// Every file starts with header; doc.go also gets doc, the package documentation, right above its
// package clause (where go doc finds it), and nothing else.
func Target(name, pkgPath, dir string, header []byte, doc string, gens func() []generator.Generator) generator.Target {
	return &docTarget{
		SimpleTarget: generator.SimpleTarget{
			PkgName:       name,
			PkgPath:       pkgPath,
			PkgDir:        dir,
			HeaderComment: header,
			FilterFunc:    func(*generator.Context, *types.Type) bool { return false },
			GeneratorsFunc: func(*generator.Context) []generator.Generator {
				return append([]generator.Generator{New(DocFile, pkgPath, func(*generator.SnippetWriter) {})}, gens()...)
			},
		},
		doc: doc,
	}
}

type docTarget struct {
	generator.SimpleTarget
	doc string
}

// Header implements generator.Target.
func (t *docTarget) Header(filename string) []byte {
	if filename != DocFile {
		return t.HeaderComment
	}
	h := append([]byte(nil), t.HeaderComment...)
	return append(h, CommentLines(t.doc)...)
}

// CommentLines turns text into "//" comment lines.
func CommentLines(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if line == "" || strings.HasPrefix(line, "\t") {
			b.WriteString("//" + line + "\n")
			continue
		}
		b.WriteString("// " + line + "\n")
	}
	return b.String()
}
