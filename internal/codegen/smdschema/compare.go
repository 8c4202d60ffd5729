package smdschema

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"sigs.k8s.io/structured-merge-diff/v6/schema"
)

// Difference is one place where two schemas disagree about a type reached from a root.
type Difference struct {
	// Path is where: the root type's name followed by JSON field names, "[]" for list items and
	// "{}" for map values, e.g. io.k8s.api.apps.v1.Deployment.spec.template.spec.containers.
	Path string
	// What says how they differ, e.g. "list keys [name] vs [containerPort protocol]".
	What string
}

func (d Difference) String() string { return d.Path + ": " + d.What }

// Compare walks the type named root in a and in b together and returns every place where they
// disagree on what server-side apply depends on: the kind of value (scalar, list, map), the scalar
// type, the fields of structs, how list items and map values relate (atomic, associative,
// separable), list keys, and the defaults of list keys. Names of types do not matter, nor whether a
// type is named or written inline.
func Compare(a, b *schema.Schema, root string) []Difference {
	c := &comparer{a: a, b: b, seen: map[[2]string]bool{}}
	c.ref(root, named(root), named(root))
	return c.diffs
}

type comparer struct {
	a, b  *schema.Schema
	seen  map[[2]string]bool // pairs of named types (with overrides) already compared
	diffs []Difference
}

func (c *comparer) add(path, format string, args ...any) {
	c.diffs = append(c.diffs, Difference{Path: path, What: fmt.Sprintf(format, args...)})
}

func refKey(r schema.TypeRef) string {
	if r.NamedType == nil {
		return ""
	}
	k := *r.NamedType
	if r.ElementRelationship != nil {
		k += "/" + string(*r.ElementRelationship)
	}
	return k
}

func (c *comparer) ref(path string, ra, rb schema.TypeRef) {
	if ka, kb := refKey(ra), refKey(rb); ka != "" && kb != "" {
		if c.seen[[2]string{ka, kb}] {
			return
		}
		c.seen[[2]string{ka, kb}] = true
	}
	aa, okA := c.a.Resolve(ra)
	ab, okB := c.b.Resolve(rb)
	if !okA || !okB {
		if okA != okB {
			c.add(path, "type resolves in one schema only (%v vs %v)", okA, okB)
		}
		return
	}
	c.atom(path, aa, ab)
}

func kinds(a schema.Atom) string {
	var k []string
	if a.Scalar != nil {
		k = append(k, "scalar "+string(*a.Scalar))
	}
	if a.List != nil {
		k = append(k, "list")
	}
	if a.Map != nil {
		k = append(k, "map")
	}
	if len(k) == 0 {
		return "nothing"
	}
	return strings.Join(k, "+")
}

func (c *comparer) atom(path string, a, b schema.Atom) {
	if ka, kb := kinds(a), kinds(b); ka != kb {
		c.add(path, "%s vs %s", ka, kb)
	}
	if a.List != nil && b.List != nil {
		c.list(path, a.List, b.List)
	}
	if a.Map != nil && b.Map != nil {
		c.mapAtom(path, a.Map, b.Map)
	}
}

func (c *comparer) list(path string, a, b *schema.List) {
	if a.ElementRelationship != b.ElementRelationship {
		c.add(path, "list %s vs %s", rel(a.ElementRelationship), rel(b.ElementRelationship))
	}
	if !slices.Equal(a.Keys, b.Keys) {
		c.add(path, "list keys %v vs %v", a.Keys, b.Keys)
	} else {
		c.keyDefaults(path, a, b)
	}
	c.ref(path+"[]", a.ElementType, b.ElementType)
}

// keyDefaults compares the defaults of the key fields of list items.
func (c *comparer) keyDefaults(path string, a, b *schema.List) {
	ia, okA := c.a.Resolve(a.ElementType)
	ib, okB := c.b.Resolve(b.ElementType)
	if !okA || !okB || ia.Map == nil || ib.Map == nil {
		return
	}
	for _, k := range a.Keys {
		fa, _ := ia.Map.FindField(k)
		fb, _ := ib.Map.FindField(k)
		if !sameDefault(fa.Default, fb.Default) {
			c.add(path+"[]."+k, "key default %v vs %v", fa.Default, fb.Default)
		}
	}
}

// sameDefault compares JSON values, numbers by value whatever their Go type.
func sameDefault(a, b any) bool {
	return reflect.DeepEqual(fmt.Sprint(a), fmt.Sprint(b))
}

func rel(r schema.ElementRelationship) string {
	if r == "" {
		return "(unset)"
	}
	return string(r)
}

// mapRel is how a map's values relate; unset means separable.
func mapRel(r schema.ElementRelationship) schema.ElementRelationship {
	if r == "" {
		return schema.Separable
	}
	return r
}

func (c *comparer) mapAtom(path string, a, b *schema.Map) {
	if ra, rb := mapRel(a.ElementRelationship), mapRel(b.ElementRelationship); ra != rb {
		c.add(path, "map %s vs %s", ra, rb)
	}
	names := map[string]bool{}
	for _, f := range a.Fields {
		names[f.Name] = true
	}
	for _, f := range b.Fields {
		names[f.Name] = true
	}
	for _, n := range slices.Sorted(maps.Keys(names)) {
		fa, okA := a.FindField(n)
		fb, okB := b.FindField(n)
		switch {
		case !okA:
			c.add(path+"."+n, "field only in the second schema")
		case !okB:
			c.add(path+"."+n, "field only in the first schema")
		default:
			c.ref(path+"."+n, fa.Type, fb.Type)
		}
	}
	emptyA, emptyB := a.ElementType == schema.TypeRef{}, b.ElementType == schema.TypeRef{}
	switch {
	case emptyA != emptyB:
		c.add(path, "other keys allowed %v vs %v", !emptyA, !emptyB)
	case !emptyA:
		c.ref(path+"{}", a.ElementType, b.ElementType)
	}
}
