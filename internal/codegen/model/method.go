package model

import (
	"strings"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// parseMethod parses "+genclient:method=Name,verb=get,subresource=scale,input=pkg.Type,result=pkg.Type".
// Input and Result stay unresolved (empty Package) until the kind is known; see resolveMethod.
func parseMethod(t *Tag, errs *errorList) *Method {
	parts := strings.Split(t.Value, ",")
	name := strings.TrimSpace(parts[0])
	if !t.HasValue || name == "" || strings.Contains(name, "=") {
		errs.add(t.Pos, "malformed tag %s: want +genclient:method=Name,verb=...", t)
		return nil
	}
	if !naming.IsExportedIdent(name) {
		errs.add(t.Pos, "malformed tag %s: method name %q is not an exported Go identifier", t, name)
		return nil
	}
	m := &Method{Name: name, Tag: *t}
	seen := map[string]bool{}
	ok := true
	for _, kv := range parts[1:] {
		key, value, found := strings.Cut(strings.TrimSpace(kv), "=")
		if !found || value == "" {
			errs.add(t.Pos, "malformed tag %s: %q is not key=value", t, kv)
			ok = false
			continue
		}
		if seen[key] {
			errs.add(t.Pos, "malformed tag %s: %s given twice", t, key)
			ok = false
		}
		seen[key] = true
		ok = m.set(t, key, value, errs) && ok
	}
	if !seen["verb"] {
		errs.add(t.Pos, "malformed tag %s: verb= is required", t)
		return nil
	}
	if !ok {
		return nil
	}
	return m
}

func (m *Method) set(t *Tag, key, value string, errs *errorList) bool {
	switch key {
	case "verb":
		if !methodVerbs[value] {
			errs.add(t.Pos, "unknown verb %q in %s (a method's verb is one of get, create, update, apply)", value, t)
			return false
		}
		m.Verb = value
	case "subresource":
		m.Subresource = value
	case "input":
		m.Input = types.ParseFullyQualifiedName(value)
	case "result":
		m.Result = types.ParseFullyQualifiedName(value)
	default:
		errs.add(t.Pos, "malformed tag %s: unknown key %q (known: verb, subresource, input, result)", t, key)
		return false
	}
	return true
}

// resolveMethod fills in defaults and resolves short type names against the kind's own package.
func resolveMethod(m *Method, kind *types.Type, errs *errorList) {
	for _, n := range []*types.Name{&m.Input, &m.Result} {
		switch {
		case n.Name == "":
			*n = kind.Name
		case n.Package == "":
			n.Package = kind.Name.Package
		}
		if !naming.IsExportedIdent(n.Name) {
			errs.add(m.Tag.Pos, "malformed tag %s: %q is not a Go type (want Name or import/path.Name)", m.Tag, n.String())
		}
	}
	if m.Verb == "get" && m.Input != kind.Name {
		errs.add(m.Tag.Pos, "malformed tag %s: verb %s takes no input", m.Tag, m.Verb)
	}
}
