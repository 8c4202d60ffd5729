package model

import (
	"regexp"
	"strings"

	"k8s.io/gengo/v2/types"
	"k8s.io/klog/v2"
)

// kind builds the Kind of a type tagged +genclient, or returns nil for other types. Problems are
// recorded in b.errs.
func (b *builder) kind(pkg *types.Package, t *types.Type) *Kind {
	if !mentionsGenclient(t) {
		return nil
	}
	declPos, lines := b.src.typeComments(pkg.Dir, t.Name.Name)
	posOf := func(line string) Position {
		if n, ok := lines[strings.TrimSpace(line)]; ok {
			return Position{File: declPos.File, Line: n}
		}
		if n, ok := lines[line]; ok {
			return Position{File: declPos.File, Line: n}
		}
		return declPos
	}
	comments := append(append([]string(nil), t.SecondClosestCommentLines...), t.CommentLines...)
	tags := extractTags(comments, "genclient", posOf)
	if isList(t) {
		// code-generator ignores client tags on list types (+genclient:nonNamespaced is often copied
		// onto FooList): the list belongs to its kind's client.
		klog.V(1).Infof("%s: +genclient tags on list type %s ignored", declPos, t.Name.Name)
		return nil
	}
	ct := parseClientTags(tags, &b.errs)
	if !ct.enabled {
		if ct.enabledTag == nil && len(tags) > 0 && !hasFalse(tags) {
			b.errs.add(tags[0].Pos, "%s on %s without +genclient: add +genclient or remove the tag", tags[0], t.Name.Name)
		}
		return nil
	}
	k := &Kind{Type: t, Name: t.Name.Name, Tags: tags, Pos: declPos, Namespaced: !ct.nonNamespace,
		Removed: removedTags(comments, posOf)}
	if !b.checkShape(k) {
		return nil
	}
	k.Plural = b.plurals.Plural(k.Name)
	k.Resource = strings.ToLower(k.Plural)
	if resource, ok := b.resourceName(comments, posOf); ok {
		k.Resource = resource
	}
	k.HasStatus = hasMember(t, "Status")
	k.StatusSubresource = k.HasStatus && !ct.noStatus
	k.Verbs = ct.verbs(k.StatusSubresource, &b.errs, ct.enabledTag.Pos)
	k.List = pkg.Types[k.Name+"List"]
	if k.List != nil && k.List.Kind != types.Struct {
		k.List = nil
	}
	if k.List == nil && (k.Has("list") || k.Has("watch") || k.Has("deleteCollection")) {
		b.errs.add(declPos, "%s has +genclient with list verbs but the package declares no %sList type (add it, or limit verbs with +genclient:onlyVerbs)", k.Name, k.Name)
	}
	for _, m := range ct.methods {
		b.resolveMethod(m, t)
	}
	k.Methods = ct.methods
	b.checkMethodNames(k)
	return k
}

// isList reports whether t is a list type: named <Something>List with an Items slice.
func isList(t *types.Type) bool {
	if !strings.HasSuffix(t.Name.Name, "List") || t.Kind != types.Struct {
		return false
	}
	for _, m := range t.Members {
		if m.Name == "Items" && m.Type.Kind == types.Slice {
			return true
		}
	}
	return false
}

// mentionsGenclient is a cheap pre-check so that only tagged types are located in source.
func mentionsGenclient(t *types.Type) bool {
	for _, lines := range [][]string{t.CommentLines, t.SecondClosestCommentLines} {
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), "+genclient") {
				return true
			}
		}
	}
	return false
}

func hasFalse(tags []Tag) bool {
	for _, t := range tags {
		if t.Name == "genclient" && t.Value == "false" {
			return true
		}
	}
	return false
}

// checkShape requires a struct that embeds metav1.TypeMeta and metav1.ObjectMeta.
func (b *builder) checkShape(k *Kind) bool {
	if k.Type.Kind != types.Struct {
		b.errs.add(k.Pos, "%s has +genclient but is not a struct", k.Name)
		return false
	}
	ok := true
	for _, want := range []string{"TypeMeta", "ObjectMeta"} {
		if !embeds(k.Type, types.Name{Package: metaV1, Name: want}) {
			b.errs.add(k.Pos, "%s has +genclient but does not embed metav1.%s", k.Name, want)
			ok = false
		}
	}
	return ok
}

func embeds(t *types.Type, name types.Name) bool {
	for _, m := range t.Members {
		if m.Embedded && m.Type != nil && m.Type.Name == name {
			return true
		}
	}
	return false
}

func hasMember(t *types.Type, name string) bool {
	for _, m := range t.Members {
		if m.Name == name && !m.Embedded {
			return true
		}
	}
	return false
}

// checkMethodNames rejects extra methods that clash with each other or with standard verbs.
func (b *builder) checkMethodNames(k *Kind) {
	taken := map[string]bool{}
	for _, v := range k.Verbs {
		taken[strings.ToUpper(v[:1])+v[1:]] = true
	}
	for _, m := range k.Methods {
		if m.Name == "Client" {
			b.errs.add(m.Tag.Pos, "+genclient:method=Client: the generated client embeds the generic client as Client; choose another method name")
			continue
		}
		if taken[m.Name] {
			b.errs.add(m.Tag.Pos, "+genclient:method=%s clashes with another method of %s", m.Name, k.Name)
		}
		taken[m.Name] = true
	}
}

// resourceNamePattern is what +resourceName accepts: a lower-case resource name, as a URL path
// segment of the API server.
var resourceNamePattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$`)

// resourceName reads +resourceName=<resource>, code-generator's override of the resource a kind is
// served as (its Go names keep the plural).
func (b *builder) resourceName(comments []string, posOf func(string) Position) (string, bool) {
	tags := extractTags(comments, "resourceName", posOf)
	if len(tags) == 0 {
		return "", false
	}
	t := tags[0]
	switch {
	case len(tags) > 1:
		b.errs.add(tags[1].Pos, "duplicate +resourceName (first at %s)", t.Pos)
	case t.Name != "resourceName":
		b.errs.add(t.Pos, "unknown tag %s (known: +resourceName=<resource>)", t)
	case !t.HasValue || !resourceNamePattern.MatchString(t.Value):
		b.errs.add(t.Pos, "malformed tag %s: want +resourceName=<lower-case resource name>", t)
	default:
		return t.Value, true
	}
	return "", false
}
