package smdschema

import (
	"encoding/json"
	"fmt"
	"strconv"

	"k8s.io/gengo/v2/types"
)

// fieldDefault is the default kube-openapi's generator gives a member: its +default (on the member,
// else on the named types it goes through), else the value JSON decoding leaves in a non-pointer
// member: {} for a struct, the zero value for a scalar without omitempty.
func (b *Builder) fieldDefault(m types.Member, owner *types.Type, omitEmpty bool) (any, error) {
	explicit, err := b.defaultMarker(m, owner)
	if err != nil || explicit != nil {
		return explicit, err
	}
	return enforcedDefault(m.Type, omitEmpty), nil
}

func (b *Builder) defaultMarker(m types.Member, owner *types.Type) (any, error) {
	lines, pkg, t := m.CommentLines, owner.Name.Package, m.Type
	for {
		if v, ok := readTags(lines).first("default"); ok {
			return b.parseDefault(v, pkg)
		}
		if t == nil {
			return nil, nil
		}
		lines, pkg = t.CommentLines, t.Name.Package
		switch t.Kind {
		case types.Pointer:
			t = t.Elem
		case types.Alias:
			t = t.Underlying
		default:
			t = nil
		}
	}
}

// parseDefault reads a +default value: JSON, or ref(Const) naming a constant of pkg (or
// ref(import/path.Const)).
func (b *Builder) parseDefault(v, pkg string) (any, error) {
	if name, ok := parseRef(v); ok {
		if name.Package == "" {
			name.Package = pkg
		}
		p := b.u[name.Package]
		c := p.Constants[name.Name]
		if c == nil || c.ConstValue == nil {
			if p == nil || len(p.Constants) == 0 {
				return nil, nil // constants of packages that are not inputs are not loaded
			}
			return nil, fmt.Errorf("+default=%s: no constant %s", v, name)
		}
		return constDefault(c), nil
	}
	var out any
	if err := json.Unmarshal([]byte(v), &out); err != nil {
		return nil, fmt.Errorf("+default=%s: not JSON: %v", v, err)
	}
	return normalizeNumbers(out), nil
}

// constDefault is a constant's value as the JSON value of its type.
func constDefault(c *types.Type) any {
	v := *c.ConstValue
	t := c.Underlying
	for t != nil && t.Kind == types.Alias {
		t = t.Underlying
	}
	if t != nil && t.Kind == types.Builtin {
		switch s, _ := builtinScalar(t.Name.Name); s {
		case "numeric":
			if i, err := strconv.ParseInt(v, 10, 64); err == nil {
				return i
			}
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				return f
			}
		case "boolean":
			return v == "true"
		}
	}
	return v
}

// normalizeNumbers turns whole float64s into int64s, as YAML writes and reads them back.
func normalizeNumbers(v any) any {
	switch x := v.(type) {
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeNumbers(e)
		}
	}
	return v
}

// enforcedDefault is the value a non-pointer member holds when JSON leaves it out: {} for a struct
// (unless it decodes itself), the zero value for a scalar without omitempty, else none.
func enforcedDefault(t *types.Type, omitEmpty bool) any {
	if unmarshalsItself(t) {
		return nil
	}
	switch t.Kind {
	case types.Alias:
		return enforcedDefault(t.Underlying, omitEmpty)
	case types.Struct:
		if len(t.Members) == 1 && t.Members[0].Embedded {
			return enforcedDefault(t.Members[0].Type, omitEmpty)
		}
		return map[string]any{}
	case types.Builtin:
		if omitEmpty {
			return nil
		}
		switch s, _ := builtinScalar(t.Name.Name); s {
		case "string":
			return ""
		case "boolean":
			return false
		case "numeric":
			return int64(0)
		}
	}
	return nil
}
