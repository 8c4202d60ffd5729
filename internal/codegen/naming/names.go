package naming

import (
	"strings"
	"unicode"
)

// GroupGoName derives the Go name of an API group from its name: the first DNS label, upper-cased
// first letter ("apps" → "Apps", "rbac.authorization.k8s.io" → "Rbac"); the legacy core group ""
// is "Core". A +groupGoName tag overrides it.
func GroupGoName(group string) string {
	if group == "" {
		return "Core"
	}
	first, _, _ := strings.Cut(group, ".")
	return UpperFirst(identOnly(first))
}

// VersionGoName upper-cases the first letter of a version: "v1beta1" → "V1beta1".
func VersionGoName(version string) string {
	return UpperFirst(identOnly(version))
}

// UpperFirst upper-cases the first letter of s.
func UpperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// LowerFirst lower-cases the first letter of s.
func LowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// PackageName lower-cases s and drops everything that cannot appear in a Go package name.
func PackageName(s string) string {
	return strings.ToLower(identOnly(s))
}

// identOnly keeps the letters and digits of s; dashes and dots are dropped.
func identOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParamName is the Go parameter name for a value of a kind: its leading acronym or word lower-cased
// ("CSIDriver" → "csiDriver", "Pod" → "pod"), suffixed with "Obj" when that would be a Go keyword
// or a name generated signatures already use.
func ParamName(kind string) string {
	r := []rune(kind)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	if n > 1 && n < len(r) {
		n-- // keep the capital that starts the next word: "CSIDriver" → "csi" + "Driver"
	}
	for i := 0; i < n; i++ {
		r[i] = unicode.ToLower(r[i])
	}
	name := string(r)
	if reservedParam[name] {
		name += "Obj"
	}
	return name
}

var reservedParam = map[string]bool{
	"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true,
	"defer": true, "else": true, "fallthrough": true, "for": true, "func": true, "go": true, "goto": true,
	"if": true, "import": true, "interface": true, "map": true, "package": true, "range": true,
	"return": true, "select": true, "struct": true, "switch": true, "type": true, "var": true,
	"ctx": true, "opts": true, "name": true, "options": true, "result": true, "err": true, "c": true,
}
