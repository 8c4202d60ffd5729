package gofile

import (
	"go/token"
	"path"
	"regexp"
	"strings"

	"k8s.io/gengo/v2/namer"
	"k8s.io/gengo/v2/types"
)

// NewImportTracker returns an import tracker for a file of package local. A package is imported
// under the shortest run of its trailing path elements that says what it is and is still free:
// "k8s.io/api/core/v1" is "corev1", ".../listers/core/v1" then "listerscorev1".
func NewImportTracker(local string) *namer.DefaultImportTracker {
	return newImportTracker(local, nil)
}

// newImportTracker is NewImportTracker for a package that declares the names in reserved: no
// import takes one of them.
func newImportTracker(local string, reserved map[string]bool) *namer.DefaultImportTracker {
	tracker := namer.NewDefaultImportTracker(types.Name{Package: local})
	tracker.IsInvalidType = func(*types.Type) bool { return false }
	taken := reservedOr{&tracker, reserved}
	tracker.LocalName = func(n types.Name) string { return ImportName(taken, local, n.Package) }
	tracker.PrintImport = func(path, name string) string { return name + " \"" + path + "\"" }
	return &tracker
}

var versionElem = regexp.MustCompile(`^v[0-9]+((alpha|beta)[0-9]*)?$`)

var notInIdent = strings.NewReplacer(".", "", "-", "", "_", "", "~", "")

// ImportName picks the import name of pkgPath in a file of package local, avoiding the names
// tracker has already handed out and the local package's own name.
func ImportName(tracker namer.ImportTracker, local, pkgPath string) string {
	elems := strings.Split(pkgPath, "/")
	for n := minElems(elems); n <= len(elems); n++ {
		name := strings.ToLower(notInIdent.Replace(strings.Join(elems[len(elems)-n:], "")))
		if token.IsKeyword(name) {
			name += "pkg"
		}
		if name == path.Base(local) || !token.IsIdentifier(name) {
			continue
		}
		if _, taken := tracker.PathOf(name); !taken {
			return name
		}
	}
	return "pkg" + strings.ToLower(notInIdent.Replace(strings.ReplaceAll(pkgPath, "/", "")))
}

// minElems is how many trailing elements an import name needs: "core/v1" rather than "v1",
// "core/v1/fake" rather than "fake".
func minElems(elems []string) int {
	n := len(elems)
	switch {
	case n >= 3 && elems[n-1] == "fake" && versionElem.MatchString(elems[n-2]):
		return 3
	case n >= 2 && versionElem.MatchString(elems[n-1]):
		return 2
	}
	return 1
}

// reservedOr is an import tracker whose PathOf also answers for names the package reserves.
type reservedOr struct {
	namer.ImportTracker
	reserved map[string]bool
}

func (r reservedOr) PathOf(name string) (string, bool) {
	if r.reserved[name] {
		return "", true
	}
	return r.ImportTracker.PathOf(name)
}
