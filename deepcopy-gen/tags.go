package deepcopygen

import (
	"fmt"
	"go/token"
	"regexp"
	"strings"

	"k8s.io/gengo/v2/types"
)

// The tag family deepcopy-gen reads.
const (
	tagName          = "k8s:deepcopy-gen"
	tagInterfaces    = tagName + ":interfaces"
	tagNonPointerIfc = tagName + ":nonpointer-interfaces"
)

// tag is one "+k8s:deepcopy-gen…" comment line.
type tag struct {
	name  string // e.g. "k8s:deepcopy-gen:interfaces"
	value string
	pos   token.Position
}

func (t tag) String() string { return "+" + t.name + "=" + t.value }

// tagError is a problem with a tag or a type, at a source position.
type tagError struct {
	pos token.Position
	msg string
}

func (e *tagError) Error() string {
	if !e.pos.IsValid() {
		return e.msg
	}
	return e.pos.String() + ": " + e.msg
}

func errorAt(pos token.Position, format string, args ...any) error {
	return &tagError{pos: pos, msg: fmt.Sprintf(format, args...)}
}

// findTags returns the deepcopy-gen tags among comment lines. posOf locates a tag line by its
// text. Lines such as "+k8s:deepcopy-genx" belong to another tag family and are skipped.
func findTags(lines []string, posOf func(prefix string) token.Position) []tag {
	var tags []tag
	for _, line := range lines {
		text := strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(text, "+"+tagName)
		if !ok || (rest != "" && rest[0] != '=' && rest[0] != ':') {
			continue
		}
		name, value, _ := strings.Cut(text[1:], "=")
		tags = append(tags, tag{name: strings.TrimSpace(name), value: strings.TrimSpace(value), pos: posOf(text)})
	}
	return tags
}

// typeTags is the parsed tag set of one type.
type typeTags struct {
	enabled    *bool // nil: not said; follows the package
	enabledTag tag
	interfaces []interfaceTag
	nonPointer bool
}

// interfaceTag is one interface named by +k8s:deepcopy-gen:interfaces.
type interfaceTag struct {
	pkg, name string
	pos       token.Position
	typ       *types.Type // the interface, once resolved
}

// addInterfaces appends interfaces not named already (a tag repeated in two comment blocks
// names an interface once).
func (tt *typeTags) addInterfaces(ifcs []interfaceTag) {
	for _, ifc := range ifcs {
		dup := false
		for _, have := range tt.interfaces {
			dup = dup || (have.pkg == ifc.pkg && have.name == ifc.name)
		}
		if !dup {
			tt.interfaces = append(tt.interfaces, ifc)
		}
	}
}

var qualifiedName = regexp.MustCompile(`^([A-Za-z0-9_.~/-]+)\.([A-Za-z_][A-Za-z0-9_]*)$`)

func parseTypeTags(tags []tag) (typeTags, []error) {
	var tt typeTags
	var errs []error
	nonPointerSeen := false
	for _, t := range tags {
		switch t.name {
		case tagName:
			v, err := parseEnabled(t, "true", "false")
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if tt.enabled != nil && *tt.enabled != v {
				errs = append(errs, errorAt(t.pos, "%s contradicts %s at %s", t, tt.enabledTag, tt.enabledTag.pos))
				continue
			}
			tt.enabled, tt.enabledTag = &v, t
		case tagInterfaces:
			ifcs, err := parseInterfaces(t)
			if err != nil {
				errs = append(errs, err)
			}
			tt.addInterfaces(ifcs)
		case tagNonPointerIfc:
			v, err := parseBool(t)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if nonPointerSeen && v != tt.nonPointer {
				errs = append(errs, errorAt(t.pos, "%s contradicts an earlier %s tag", t, tagNonPointerIfc))
			}
			nonPointerSeen, tt.nonPointer = true, v
		default:
			errs = append(errs, errorAt(t.pos, "unknown tag +%s (known: +%s, +%s, +%s)", t.name, tagName, tagInterfaces, tagNonPointerIfc))
		}
	}
	return tt, errs
}

// parsePackageTags returns whether a package's doc.go enables generation for all its types.
func parsePackageTags(tags []tag) (bool, []error) {
	enabled := false
	var errs []error
	for _, t := range tags {
		if t.name != tagName {
			errs = append(errs, errorAt(t.pos, "+%s is a type tag; in doc.go only +%s=package|false is allowed", t.name, tagName))
			continue
		}
		v, err := parseEnabled(t, "package", "false")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		enabled = v
	}
	return enabled, errs
}

// parseEnabled reads +k8s:deepcopy-gen=<on>|<off>, with code-generator's optional ",register"
// (or ",register=<value>") after the value: accepted and, as in code-generator today, without effect.
func parseEnabled(t tag, on, off string) (bool, error) {
	value, params, _ := strings.Cut(t.value, ",")
	if params != "" {
		for _, p := range strings.Split(params, ",") {
			if k, _, _ := strings.Cut(p, "="); strings.TrimSpace(k) != "register" {
				return false, errorAt(t.pos, "+%s=%s: unknown parameter %q (known: register)", t.name, t.value, p)
			}
		}
		t.value = value
	}
	switch t.value {
	case on:
		return true, nil
	case off:
		return false, nil
	case "":
		return false, errorAt(t.pos, "+%s needs a value: %s or %s", t.name, on, off)
	case "package", "true":
		return false, errorAt(t.pos, "+%s=%s is not valid here: on a type use true|false, in doc.go use package|false", t.name, t.value)
	}
	return false, errorAt(t.pos, "+%s=%s: unknown value (want %s or %s)", t.name, t.value, on, off)
}

func parseBool(t tag) (bool, error) {
	switch t.value {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errorAt(t.pos, "+%s=%s: want true or false", t.name, t.value)
}

// parseInterfaces reads a comma-separated list of fully qualified interface names.
func parseInterfaces(t tag) ([]interfaceTag, error) {
	if t.value == "" {
		return nil, errorAt(t.pos, "+%s needs a value such as k8s.io/apimachinery/pkg/runtime.Object", t.name)
	}
	var out []interfaceTag
	for _, part := range strings.Split(t.value, ",") {
		m := qualifiedName.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return nil, errorAt(t.pos, "+%s=%s: %q is not a fully qualified type name (want <import path>.<Interface>)", t.name, t.value, part)
		}
		out = append(out, interfaceTag{pkg: m[1], name: m[2], pos: t.pos})
	}
	return out, nil
}
