package model

import (
	"fmt"
	"strings"
)

// extractTags returns the "+..." tags among comment lines whose name is prefix or starts with
// prefix+":", in order. Lines are as gengo reports them (comment markers stripped).
func extractTags(lines []string, prefix string, posOf func(line string) Position) []Tag {
	var tags []Tag
	for _, line := range lines {
		text := strings.TrimSpace(line)
		if !strings.HasPrefix(text, "+"+prefix) {
			continue
		}
		name, value, hasValue := strings.Cut(text[1:], "=")
		if name != prefix && !strings.HasPrefix(name, prefix+":") && !isNameContinuation(name, prefix) {
			continue
		}
		tags = append(tags, Tag{Name: name, Value: value, HasValue: hasValue, Pos: posOf(line)})
	}
	return tags
}

// isNameContinuation catches misspelt tags such as "+genclients" or "+genclient-readonly": they start
// with the prefix and are not some other known tag family, so they are reported as unknown.
func isNameContinuation(name, prefix string) bool {
	rest := strings.TrimPrefix(name, prefix)
	return rest != name && rest != "" && !strings.HasPrefix(rest, ":")
}

// Verbs are the standard client verbs, in the order generated interfaces list them.
var Verbs = []string{
	"create", "update", "updateStatus", "delete", "deleteCollection",
	"get", "list", "watch", "patch", "apply", "applyStatus",
}

var readonlyVerbs = []string{"get", "list", "watch"}

// methodVerbs are the verbs a +genclient:method may use: code-generator's (get, list, create,
// update, patch, apply), and watch, delete and deleteCollection, which code-generator refuses and
// kubegen offers on the resource itself.
var methodVerbs = map[string]bool{"get": true, "list": true, "create": true, "update": true, "patch": true, "apply": true,
	"watch": true, "delete": true, "deleteCollection": true}

// inputVerbs may name an input= type and resultVerbs a result= type, as in code-generator;
// resourceOnlyVerbs take no subresource=.
var (
	inputVerbs        = map[string]bool{"create": true, "update": true, "apply": true}
	resultVerbs       = map[string]bool{"get": true, "list": true, "create": true, "update": true, "patch": true, "apply": true}
	resourceOnlyVerbs = map[string]bool{"watch": true, "delete": true, "deleteCollection": true}
)

func isVerb(v string) bool {
	for _, known := range Verbs {
		if known == v {
			return true
		}
	}
	return false
}

// clientTags is the parsed +genclient family of one type.
type clientTags struct {
	enabled      bool
	enabledTag   *Tag
	nonNamespace bool
	noVerbs      bool
	noStatus     bool
	readonly     bool
	onlyVerbs    []string
	onlyTag      *Tag
	skipVerbs    []string
	skipTag      *Tag
	methods      []*Method
	all          []Tag
}

// flagTags are the tags that take no value.
var flagTags = map[string]bool{
	"genclient:nonNamespaced": true, "genclient:noVerbs": true, "genclient:noStatus": true, "genclient:readonly": true,
}

func parseClientTags(tags []Tag, errs *errorList) clientTags {
	ct := clientTags{all: tags}
	for i := range tags {
		t := &tags[i]
		switch {
		case t.Name == "genclient":
			ct.parseEnabled(t, errs)
		case flagTags[t.Name]:
			if t.HasValue {
				errs.add(t.Pos, "malformed tag %s: +%s takes no value", t, t.Name)
				continue
			}
			ct.setFlag(t.Name)
		case t.Name == "genclient:onlyVerbs" || t.Name == "genclient:skipVerbs":
			ct.parseVerbList(t, errs)
		case t.Name == "genclient:method":
			if m := parseMethod(t, errs); m != nil {
				ct.methods = append(ct.methods, m)
			}
		default:
			errs.add(t.Pos, "unknown tag %s (known: +genclient, +genclient:nonNamespaced, :noVerbs, :noStatus, :readonly, :onlyVerbs=, :skipVerbs=, :method=)", t)
		}
	}
	return ct
}

func (ct *clientTags) parseEnabled(t *Tag, errs *errorList) {
	switch {
	case !t.HasValue || t.Value == "true":
		ct.enabled, ct.enabledTag = true, t
	case t.Value == "false":
		ct.enabled = false
	default:
		errs.add(t.Pos, "malformed tag %s: want +genclient or +genclient=false", t)
	}
}

func (ct *clientTags) setFlag(name string) {
	switch name {
	case "genclient:nonNamespaced":
		ct.nonNamespace = true
	case "genclient:noVerbs":
		ct.noVerbs = true
	case "genclient:noStatus":
		ct.noStatus = true
	case "genclient:readonly":
		ct.readonly = true
	}
}

func (ct *clientTags) parseVerbList(t *Tag, errs *errorList) {
	if !t.HasValue || strings.TrimSpace(t.Value) == "" {
		errs.add(t.Pos, "malformed tag %s: want a comma-separated list of verbs", t)
		return
	}
	var verbs []string
	for _, v := range strings.Split(t.Value, ",") {
		v = strings.TrimSpace(v)
		if !isVerb(v) {
			errs.add(t.Pos, "unknown verb %q in %s (known: %s)", v, t, strings.Join(Verbs, ", "))
			continue
		}
		verbs = append(verbs, v)
	}
	if t.Name == "genclient:onlyVerbs" {
		if ct.onlyTag != nil {
			errs.add(t.Pos, "duplicate +genclient:onlyVerbs (first at %s)", ct.onlyTag.Pos)
		}
		ct.onlyVerbs, ct.onlyTag = append(ct.onlyVerbs, verbs...), t
		return
	}
	if ct.skipTag != nil {
		errs.add(t.Pos, "duplicate +genclient:skipVerbs (first at %s)", ct.skipTag.Pos)
	}
	ct.skipVerbs, ct.skipTag = append(ct.skipVerbs, verbs...), t
}

// verbs resolves the verb set of a kind from its tags, reporting contradictions.
func (ct *clientTags) verbs(statusSubresource bool, errs *errorList, at Position) []string {
	for _, v := range ct.onlyVerbs {
		for _, s := range ct.skipVerbs {
			if v == s {
				errs.add(ct.skipTag.Pos, "verb %q is in both +genclient:onlyVerbs (%s) and +genclient:skipVerbs", v, ct.onlyTag.Pos)
			}
		}
	}
	if ct.noVerbs && (ct.onlyTag != nil || ct.readonly) {
		errs.add(at, "+genclient:noVerbs contradicts +genclient:onlyVerbs or +genclient:readonly on the same type")
	}
	if ct.readonly && ct.onlyTag != nil {
		errs.add(ct.onlyTag.Pos, "+genclient:onlyVerbs contradicts +genclient:readonly on the same type")
	}
	want := map[string]bool{}
	switch {
	case ct.noVerbs:
	case ct.readonly:
		for _, v := range readonlyVerbs {
			want[v] = true
		}
	case ct.onlyTag != nil:
		for _, v := range ct.onlyVerbs {
			want[v] = true
		}
	default:
		for _, v := range Verbs {
			want[v] = true
		}
	}
	for _, v := range ct.skipVerbs {
		delete(want, v)
	}
	if !statusSubresource {
		delete(want, "updateStatus")
		delete(want, "applyStatus")
	}
	var out []string
	for _, v := range Verbs {
		if want[v] {
			out = append(out, v)
		}
	}
	return out
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
