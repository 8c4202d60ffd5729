package output

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/packages"
)

// importPatterns turns the package patterns of a load into import path patterns. Import path
// patterns are kept as they are; directory patterns ("./apis/...", "../x", "/abs/dir") are
// resolved in dir (default: the working directory) against the modules of the loaded packages.
// Meta patterns (all, std, cmd) and directories outside every loaded module are left out: they
// give the run no claim on any generated file.
func importPatterns(patterns []string, dir string, roots []*packages.Package) []string {
	var out []string
	for _, p := range patterns {
		switch {
		case p == "all" || p == "std" || p == "cmd":
		case !isDirPattern(p):
			out = append(out, p)
		default:
			if ip, ok := resolveDirPattern(p, dir, roots); ok {
				out = append(out, ip)
			}
		}
	}
	return out
}

// isDirPattern tells a directory pattern from an import path pattern, as the go command does.
func isDirPattern(p string) bool {
	return p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || filepath.IsAbs(p)
}

// resolveDirPattern maps the directory part of p to an import path through the loaded module that
// holds it, and keeps the wildcard tail: "./apis/..." → "example.com/m/apis/...".
func resolveDirPattern(p, dir string, roots []*packages.Package) (string, bool) {
	dirPart, tail := filepath.ToSlash(p), ""
	if i := strings.Index(dirPart, "..."); i >= 0 {
		j := strings.LastIndex(dirPart[:i], "/")
		if j < 0 {
			return "", false // "..." alone is not a directory pattern
		}
		dirPart, tail = dirPart[:j], dirPart[j:]
	}
	abs := filepath.FromSlash(dirPart)
	if !filepath.IsAbs(abs) {
		base := dir
		if base == "" {
			wd, err := os.Getwd()
			if err != nil {
				return "", false
			}
			base = wd
		}
		abs = filepath.Join(base, abs)
	}
	var best *packages.Module
	for _, pkg := range roots {
		m := pkg.Module
		if m == nil || m.Dir == "" || !within(abs, m.Dir) {
			continue
		}
		if best == nil || len(m.Dir) > len(best.Dir) {
			best = m
		}
	}
	if best == nil {
		return "", false
	}
	rel, err := filepath.Rel(best.Dir, abs)
	if err != nil {
		return "", false
	}
	ip := best.Path
	if rel != "." {
		ip += "/" + filepath.ToSlash(rel)
	}
	return ip + tail, true
}

// within tells whether path is dir or below it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// matchPattern reports whether import path matches pattern with the go command's rules: "..."
// matches any string, and a trailing "/..." also matches nothing at all ("a/..." matches "a").
func matchPattern(pattern, path string) bool {
	re := regexp.QuoteMeta(pattern)
	re = strings.ReplaceAll(re, `\.\.\.`, `.*`)
	if strings.HasSuffix(re, `/.*`) {
		re = strings.TrimSuffix(re, `/.*`) + `(/.*)?`
	}
	ok, _ := regexp.MatchString("^"+re+"$", path)
	return ok
}
