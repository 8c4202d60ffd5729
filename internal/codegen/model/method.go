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
	switch {
	case seen["input"] && !inputVerbs[m.Verb]:
		errs.add(t.Pos, "malformed tag %s: verb %s takes no input= (only create, update and apply do)", t, m.Verb)
		ok = false
	case seen["result"] && !resultVerbs[m.Verb]:
		errs.add(t.Pos, "malformed tag %s: verb %s takes no result= (only get, list, create, update, patch and apply do)", t, m.Verb)
		ok = false
	case seen["subresource"] && resourceOnlyVerbs[m.Verb]:
		errs.add(t.Pos, "malformed tag %s: verb %s acts on the resource itself and takes no subresource=", t, m.Verb)
		ok = false
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
			errs.add(t.Pos, "unknown verb %q in %s (a method's verb is one of get, list, watch, create, update, patch, apply, delete, deleteCollection)", value, t)
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

// resolveMethod fills in defaults, resolves short type names against the kind's own package and
// checks that the types exist and are API objects.
func (b *builder) resolveMethod(m *Method, kind *types.Type) {
	errs := &b.errs
	for _, n := range []*types.Name{&m.Input, &m.Result} {
		switch {
		case n.Name == "":
			*n = kind.Name
		case n.Package == "":
			n.Package = kind.Name.Package
		}
		if !naming.IsExportedIdent(n.Name) {
			errs.add(m.Tag.Pos, "malformed tag %s: %q is not a Go type (want Name or import/path.Name)", m.Tag, n.String())
		} else if *n == kind.Name || (n == &m.Result && m.Result == m.Input) {
			// the kind itself is checked as a kind; a type named twice is reported once
		} else if problem := b.objectProblem(*n); problem != "" {
			errs.add(m.Tag.Pos, "%s: %s", m.Tag, problem)
		}
	}
	if m.Verb == "list" {
		list := types.Name{Package: m.Result.Package, Name: m.Result.Name + "List"}
		own := types.Name{Package: kind.Name.Package, Name: kind.Name.Name + "List"}
		if problem := b.objectProblem(list); problem != "" && list != own {
			errs.add(m.Tag.Pos, "%s: the list of %s: %s", m.Tag, m.Result.Name, problem)
		}
	}
}

// objectProblem says why the type called n cannot be sent or received by a client method ("" when
// it can): it must exist among the loaded packages and be a struct that is a runtime.Object, or
// will be one once deepcopy-gen has run (+k8s:deepcopy-gen:interfaces=...runtime.Object).
func (b *builder) objectProblem(n types.Name) string {
	pkg := b.u[n.Package]
	if pkg == nil || len(pkg.Types) == 0 {
		if b.external == nil {
			return ""
		}
		return b.external(n)
	}
	t := pkg.Types[n.Name]
	if t == nil || t.Kind == types.Unknown || t.Kind == types.DeclarationOf {
		return sprintf("type %s not found in package %s", n.Name, n.Package)
	}
	if t.Kind != types.Struct {
		return sprintf("%s is not a struct: a method's input and result are API objects", n)
	}
	kindOK := t.Methods["GetObjectKind"] != nil || embeds(t, types.Name{Package: metaV1, Name: "TypeMeta"})
	copyOK := t.Methods["DeepCopyObject"] != nil || tagsRuntimeObject(t)
	if !kindOK || !copyOK {
		return sprintf("%s is not a runtime.Object: embed metav1.TypeMeta and tag it +k8s:deepcopy-gen:interfaces=k8s.io/apimachinery/pkg/runtime.Object", n)
	}
	return ""
}

// tagsRuntimeObject reports whether deepcopy-gen is asked to give t a DeepCopyObject method.
func tagsRuntimeObject(t *types.Type) bool {
	for _, lines := range [][]string{t.CommentLines, t.SecondClosestCommentLines} {
		for _, l := range lines {
			l = strings.TrimSpace(l)
			if strings.HasPrefix(l, "+k8s:deepcopy-gen:interfaces=") && strings.Contains(l, "k8s.io/apimachinery/pkg/runtime.Object") {
				return true
			}
		}
	}
	return false
}
