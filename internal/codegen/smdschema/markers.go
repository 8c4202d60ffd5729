package smdschema

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"k8s.io/gengo/v2/types"
	"sigs.k8s.io/structured-merge-diff/v6/schema"
)

// applyMemberMarkers sets what the member's markers and patch tags say about its list, map or
// struct on ref.
func (b *Builder) applyMemberMarkers(ref *schema.TypeRef, m types.Member, owner *types.Type, path string) {
	mt := readTags(m.CommentLines)
	list := ref.Inlined.List
	if list != nil && ref.NamedType == nil {
		rel, keys, err := b.listSemantics(m, mt)
		if err != nil {
			b.fail(path, "%v", err)
			return
		}
		list.ElementRelationship, list.Keys = rel, keys
		b.checkListItems(list, m, path)
	} else {
		for _, marker := range []string{"listType", "listMapKey"} {
			if _, ok := mt[marker]; ok {
				b.ignored(path, "+%s on a member that is not a list", marker)
			}
		}
	}
	for _, marker := range []string{"mapType", "structType"} {
		v, ok := mt.first(marker)
		if !ok {
			continue
		}
		rel, err := mapRelationship(v)
		switch {
		case err != nil:
			b.fail(path, "+%s=%s: %v", marker, v, err)
		case ref.NamedType != nil && b.isMap(*ref.NamedType):
			ref.ElementRelationship = &rel
		case ref.NamedType == nil && ref.Inlined.Map != nil:
			ref.Inlined.Map.ElementRelationship = rel
		default:
			b.ignored(path, "+%s on a member that is neither a map nor a struct", marker)
		}
	}
}

func (b *Builder) isMap(name string) bool {
	a, ok := b.defs[name]
	return ok && (a.Map != nil || a == schema.Atom{}) // a placeholder is a struct being built
}

// mapRelationship reads the value of +mapType or +structType.
func mapRelationship(v string) (schema.ElementRelationship, error) {
	switch v {
	case "atomic":
		return schema.Atomic, nil
	case "granular":
		return schema.Separable, nil
	}
	return "", fmt.Errorf("want atomic or granular")
}

// listSemantics reads how a list member merges: +listType (with +listMapKey), else the patch
// strategy; atomic when neither is given.
func (b *Builder) listSemantics(m types.Member, mt tags) (schema.ElementRelationship, []string, error) {
	keys := mt["listMapKey"]
	if lt, ok := mt.first("listType"); ok {
		switch lt {
		case "atomic", "set":
			if len(keys) > 0 {
				return "", nil, fmt.Errorf("+listMapKey needs +listType=map, not %s", lt)
			}
			if lt == "atomic" {
				return schema.Atomic, nil, nil
			}
			return schema.Associative, nil, nil
		case "map":
			if len(keys) == 0 {
				return "", nil, fmt.Errorf("+listType=map needs at least one +listMapKey")
			}
			return schema.Associative, slices.Clone(keys), nil
		}
		return "", nil, fmt.Errorf("+listType=%s: want atomic, set or map", lt)
	}
	if len(keys) > 0 {
		return "", nil, fmt.Errorf("+listMapKey needs +listType=map")
	}
	strategy, err := patchTag(m, mt, "patchStrategy")
	if err != nil {
		return "", nil, err
	}
	mergeKey, err := patchTag(m, mt, "patchMergeKey")
	if err != nil {
		return "", nil, err
	}
	switch strategy {
	case "", "retainKeys":
		return schema.Atomic, nil, nil
	case "merge", "merge,retainKeys":
		if mergeKey == "" {
			return schema.Associative, nil, nil
		}
		return schema.Associative, []string{mergeKey}, nil
	}
	return "", nil, fmt.Errorf("patchStrategy %q: want merge, retainKeys or merge,retainKeys", strategy)
}

// patchTag reads a patch struct tag and its comment form, which must agree when both are given.
func patchTag(m types.Member, mt tags, name string) (string, error) {
	structValue := reflect.StructTag(m.Tags).Get(name)
	commentValue, inComment := mt.first(name)
	if inComment && structValue != "" && commentValue != structValue {
		return "", fmt.Errorf("struct tag %s:%q and comment +%s=%s disagree", name, structValue, name, commentValue)
	}
	if structValue != "" {
		return structValue, nil
	}
	return commentValue, nil
}

// checkListItems checks that a list merged by key holds structs with those key fields, and that a
// set holds scalars.
func (b *Builder) checkListItems(list *schema.List, m types.Member, path string) {
	if list.ElementRelationship != schema.Associative {
		return
	}
	elem := resolve(sliceElem(m.Type))
	isStruct := elem.Kind == types.Struct && !declaresOwnSchema(elem)
	if _, special := specialTypes[elem.Name]; special {
		isStruct = false
	}
	if len(list.Keys) == 0 {
		if isStruct {
			b.fail(path, "a set (+listType=set or patchStrategy merge without patchMergeKey) of %s structs: give the list keys with +listType=map and +listMapKey", elem.Name)
		}
		return
	}
	if !isStruct {
		b.fail(path, "a list merged by key (+listType=map or patchMergeKey) must hold structs, not %s", elem.Name)
		return
	}
	fields := map[string]bool{}
	for _, f := range b.jsonFields(elem, path) {
		fields[f.name] = true
	}
	for _, k := range list.Keys {
		if !fields[k] {
			b.fail(path, "list key %q is not a JSON field of %s", k, elem.Name)
		}
	}
}

func sliceElem(t *types.Type) *types.Type {
	for t.Kind == types.Pointer || t.Kind == types.Alias {
		if t.Kind == types.Pointer {
			t = t.Elem
		} else {
			t = t.Underlying
		}
	}
	return t.Elem
}

// refPattern is +default=ref(Name) or ref(import/path.Name).
func parseRef(v string) (types.Name, bool) {
	inner, ok := strings.CutPrefix(v, "ref(")
	if !ok || !strings.HasSuffix(inner, ")") || strings.Contains(inner, `"`) {
		return types.Name{}, false
	}
	return types.ParseFullyQualifiedName(strings.TrimSuffix(inner, ")")), true
}
