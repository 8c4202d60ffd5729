package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// This file implements RFC 6902 JSON Patch and RFC 7386 JSON Merge Patch over decoded JSON values.

// jsonPatchOp is one operation of an RFC 6902 patch.
type jsonPatchOp struct {
	Op    string           `json:"op"`
	Path  string           `json:"path"`
	From  string           `json:"from"`
	Value *json.RawMessage `json:"value"`
}

// applyJSONPatch applies an RFC 6902 patch to doc.
func applyJSONPatch(doc any, patch []byte) (any, error) {
	var ops []jsonPatchOp
	if err := decodeJSON(patch, &ops); err != nil {
		return nil, fmt.Errorf("decoding JSON patch: %w", err)
	}
	var err error
	for i, op := range ops {
		if doc, err = applyOp(doc, op); err != nil {
			return nil, fmt.Errorf("JSON patch operation %d (%s %s): %w", i, op.Op, op.Path, err)
		}
	}
	return doc, nil
}

func applyOp(doc any, op jsonPatchOp) (any, error) {
	path, err := parsePointer(op.Path)
	if err != nil {
		return nil, err
	}
	switch op.Op {
	case "add", "replace", "test":
		if op.Value == nil {
			return nil, fmt.Errorf("missing value")
		}
		var v any
		if err := decodeJSON(*op.Value, &v); err != nil {
			return nil, err
		}
		if op.Op == "test" {
			return doc, testValue(doc, path, v)
		}
		return setAt(doc, path, v, op.Op == "add")
	case "remove":
		return removeAt(doc, path)
	case "move", "copy":
		from, err := parsePointer(op.From)
		if err != nil {
			return nil, err
		}
		v, err := getAt(doc, from)
		if err != nil {
			return nil, err
		}
		if op.Op == "move" {
			if doc, err = removeAt(doc, from); err != nil {
				return nil, err
			}
		} else {
			v = cloneJSON(v)
		}
		return setAt(doc, path, v, true)
	}
	return nil, fmt.Errorf("unknown operation %q", op.Op)
}

// parsePointer splits an RFC 6901 JSON pointer into unescaped tokens.
func parsePointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("JSON pointer %q does not start with /", p)
	}
	tokens := strings.Split(p[1:], "/")
	for i, tok := range tokens {
		tokens[i] = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	}
	return tokens, nil
}

func getAt(doc any, path []string) (any, error) {
	for _, tok := range path {
		switch n := doc.(type) {
		case map[string]any:
			v, ok := n[tok]
			if !ok {
				return nil, fmt.Errorf("no member %q", tok)
			}
			doc = v
		case []any:
			i, err := arrayIndex(tok, len(n)-1)
			if err != nil {
				return nil, err
			}
			doc = n[i]
		default:
			return nil, fmt.Errorf("cannot descend into %q of a scalar", tok)
		}
	}
	return doc, nil
}

// update replaces the container at path[:len-1] by what leaf makes of it and path's last token.
func update(doc any, path []string, leaf func(container any, tok string) (any, error)) (any, error) {
	if len(path) == 1 {
		return leaf(doc, path[0])
	}
	child, err := getAt(doc, path[:1])
	if err != nil {
		return nil, err
	}
	if child, err = update(child, path[1:], leaf); err != nil {
		return nil, err
	}
	switch n := doc.(type) {
	case map[string]any:
		n[path[0]] = child
	case []any:
		i, _ := arrayIndex(path[0], len(n)-1)
		n[i] = child
	}
	return doc, nil
}

// setAt adds (insert) or replaces the value at path.
func setAt(doc any, path []string, v any, insert bool) (any, error) {
	if len(path) == 0 {
		return v, nil
	}
	return update(doc, path, func(c any, tok string) (any, error) {
		switch n := c.(type) {
		case map[string]any:
			// Replacing a missing member adds it, as kube-apiserver's JSON patch does (the RFC
			// would refuse it).
			n[tok] = v
			return n, nil
		case []any:
			if !insert {
				i, err := arrayIndex(tok, len(n)-1)
				if err != nil {
					return nil, err
				}
				n[i] = v
				return n, nil
			}
			if tok == "-" {
				return append(n, v), nil
			}
			i, err := arrayIndex(tok, len(n))
			if err != nil {
				return nil, err
			}
			return append(n[:i], append([]any{v}, n[i:]...)...), nil
		}
		return nil, fmt.Errorf("cannot set %q in a scalar", tok)
	})
}

func removeAt(doc any, path []string) (any, error) {
	if len(path) == 0 {
		return nil, fmt.Errorf("cannot remove the whole document")
	}
	return update(doc, path, func(c any, tok string) (any, error) {
		switch n := c.(type) {
		case map[string]any:
			if _, ok := n[tok]; !ok {
				return nil, fmt.Errorf("no member %q to remove", tok)
			}
			delete(n, tok)
			return n, nil
		case []any:
			i, err := arrayIndex(tok, len(n)-1)
			if err != nil {
				return nil, err
			}
			return append(n[:i:i], n[i+1:]...), nil
		}
		return nil, fmt.Errorf("cannot remove %q from a scalar", tok)
	})
}

func testValue(doc any, path []string, want any) error {
	got, err := getAt(doc, path)
	if err != nil {
		return err
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if !bytes.Equal(g, w) {
		return fmt.Errorf("test failed: value is %s, not %s", g, w)
	}
	return nil
}

// arrayIndex parses an array index token no larger than maxIndex.
func arrayIndex(tok string, maxIndex int) (int, error) {
	i, err := strconv.Atoi(tok)
	if err != nil || i < 0 || i > maxIndex || (len(tok) > 1 && tok[0] == '0') {
		return 0, fmt.Errorf("invalid array index %q", tok)
	}
	return i, nil
}

// mergePatch applies an RFC 7386 merge patch to target.
func mergePatch(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
		} else {
			tm[k] = mergePatch(tm[k], v)
		}
	}
	return tm
}

// stripNulls removes null members from objects, recursively.
func stripNulls(v any) any {
	switch n := v.(type) {
	case map[string]any:
		for k, e := range n {
			if e == nil {
				delete(n, k)
			} else {
				n[k] = stripNulls(e)
			}
		}
	case []any:
		for i, e := range n {
			n[i] = stripNulls(e)
		}
	}
	return v
}

func cloneJSON(v any) any {
	switch n := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(n))
		for k, e := range n {
			out[k] = cloneJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(n))
		for i, e := range n {
			out[i] = cloneJSON(e)
		}
		return out
	}
	return v
}

// decodeJSON decodes keeping numbers exact.
func decodeJSON(data []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}
