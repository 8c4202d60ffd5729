package model

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// sourceIndex finds where types and their comment lines are declared. gengo keeps comments but not
// their positions, so the index reads the package's Go files once per directory and scans lines; it
// is only consulted for packages that hold +genclient types.
type sourceIndex struct {
	dirs map[string]*dirIndex
}

type dirIndex struct {
	decls map[string]declSite // type name → declaration
}

type declSite struct {
	file  string
	line  int      // 1-based line of the declaration
	lines []string // the whole file, for walking back over comments
}

func newSourceIndex() *sourceIndex {
	return &sourceIndex{dirs: map[string]*dirIndex{}}
}

// typeComments returns the declaration of a type and the 1-based line of each comment line above it
// (the doc comment and the detached block before it), keyed by the comment text as gengo reports it.
func (s *sourceIndex) typeComments(dir, name string) (Position, map[string]int) {
	site, ok := s.dir(dir).decls[name]
	if !ok {
		return Position{File: dir}, nil
	}
	lines := map[string]int{}
	blocks := 0
	inBlock := false
	for i := site.line - 2; i >= 0 && blocks < 2; i-- {
		text := strings.TrimSpace(site.lines[i])
		switch {
		case strings.HasPrefix(text, "//"):
			inBlock = true
			body := strings.TrimPrefix(strings.TrimPrefix(text, "//"), " ")
			if _, seen := lines[body]; !seen {
				lines[body] = i + 1
			}
		case text == "":
			if inBlock {
				blocks++
				inBlock = false
			} else if blocks == 0 {
				blocks++ // a blank line straight above the type: only a detached block follows
			}
		default:
			blocks = 2
		}
	}
	return Position{File: site.file, Line: site.line}, lines
}

// fileLine finds the first line of a file whose comment text equals text.
func (s *sourceIndex) fileLine(file, text string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "//") && strings.TrimPrefix(strings.TrimPrefix(line, "//"), " ") == text {
			return i + 1
		}
	}
	return 0
}

func (s *sourceIndex) dir(dir string) *dirIndex {
	if d, ok := s.dirs[dir]; ok {
		return d
	}
	d := &dirIndex{decls: map[string]declSite{}}
	s.dirs[dir] = d
	for _, file := range goFiles(dir) {
		data, err := os.ReadFile(file)
		if err != nil || !bytes.Contains(data, []byte("type ")) {
			continue
		}
		indexDecls(d, file, strings.Split(string(data), "\n"))
	}
	return d
}

// goFiles lists the non-test Go files of dir, hand-written ones first (generated files rarely declare
// types and are large).
func goFiles(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var files []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || isGeneratedName(n) {
			continue
		}
		files = append(files, filepath.Join(dir, n))
	}
	sort.Strings(files)
	return files
}

func isGeneratedName(n string) bool {
	return strings.HasPrefix(n, "zz_generated") || strings.HasSuffix(n, ".pb.go") || strings.HasSuffix(n, "_generated.go")
}

// indexDecls records "type X ..." lines and the members of "type ( ... )" blocks.
func indexDecls(d *dirIndex, file string, lines []string) {
	inGroup := false
	for i, line := range lines {
		switch {
		case strings.HasPrefix(line, "type ("):
			inGroup = true
		case inGroup && strings.HasPrefix(line, ")"):
			inGroup = false
		case strings.HasPrefix(line, "type "):
			record(d, file, lines, i, strings.TrimPrefix(line, "type "))
		case inGroup && strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "\t\t"):
			record(d, file, lines, i, strings.TrimPrefix(line, "\t"))
		}
	}
}

func record(d *dirIndex, file string, lines []string, i int, rest string) {
	name := rest
	if j := strings.IndexAny(rest, " \t[="); j >= 0 {
		name = rest[:j]
	}
	if name == "" || strings.HasPrefix(name, "//") {
		return
	}
	if _, dup := d.decls[name]; !dup {
		d.decls[name] = declSite{file: file, line: i + 1, lines: lines}
	}
}
