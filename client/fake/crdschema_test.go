package fake

import (
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

const testSchema = `
type: object
properties:
  spec:
    type: object
    required: [size]
    properties:
      size: {type: integer, minimum: 1, maximum: 10}
      ratio: {type: number, minimum: 0, exclusiveMinimum: true, multipleOf: 0.25}
      color: {type: string, enum: [red, blue], default: red}
      name: {type: string, minLength: 2, maxLength: 4, pattern: '^[a-z]+$'}
      tags: {type: array, minItems: 1, maxItems: 2, uniqueItems: true, items: {type: string}}
      labels: {type: object, minProperties: 1, maxProperties: 1, additionalProperties: {type: string}}
      port: {x-kubernetes-int-or-string: true}
      note: {type: string, nullable: true}
      free: {type: object, x-kubernetes-preserve-unknown-fields: true}
`

func parseTestSchema(t *testing.T) *Schema {
	t.Helper()
	var s Schema
	if err := yaml.Unmarshal([]byte(testSchema), &s); err != nil {
		t.Fatal(err)
	}
	if err := s.compile("schema"); err != nil {
		t.Fatal(err)
	}
	return &s
}

// Every constraint of the schema refuses a value that breaks it, with the apiserver's error.
func TestSchemaValidate(t *testing.T) {
	s := parseTestSchema(t)
	tests := []struct {
		name string
		spec map[string]any
		want string // "" for valid; "=..." for exactly that error, else a part of the errors
	}{
		{"valid", map[string]any{"size": int64(3), "ratio": 0.5, "name": "ab", "tags": []any{"a"}, "port": "http", "note": nil}, ""},
		{"int or string number", map[string]any{"size": int64(3), "port": int64(80)}, ""},
		{"required", map[string]any{}, "spec.size: Required value"},
		{"type", map[string]any{"size": "x"}, `spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"`},
		{"null", map[string]any{"size": nil}, `spec.size in body must be of type integer: "null"`},
		{"minimum", map[string]any{"size": int64(0)}, "spec.size in body should be greater than or equal to 1"},
		{"maximum", map[string]any{"size": int64(11)}, "spec.size in body should be less than or equal to 10"},
		{"exclusive minimum", map[string]any{"size": int64(1), "ratio": int64(0)}, "spec.ratio in body should be greater than 0"},
		{"multiple of", map[string]any{"size": int64(1), "ratio": 0.3}, "spec.ratio in body should be a multiple of 0.25"},
		{"enum", map[string]any{"size": int64(1), "color": "green"}, `spec.color: Unsupported value: "green": supported values: "red", "blue"`},
		{"max length", map[string]any{"size": int64(1), "name": "abcde"}, "spec.name: Too long: may not be more than 4 bytes"},
		{"min length", map[string]any{"size": int64(1), "name": "a"}, "spec.name in body should be at least 2 chars long"},
		{"pattern", map[string]any{"size": int64(1), "name": "AB"}, "spec.name in body should match '^[a-z]+$'"},
		{"first string failure only", map[string]any{"size": int64(1), "name": "ABCDEF"}, "=spec.name: Too long: may not be more than 4 bytes"},
		{"max items", map[string]any{"size": int64(1), "tags": []any{"a", "b", "c"}}, "spec.tags: Too many: 3: must have at most 2 items"},
		{"min items", map[string]any{"size": int64(1), "tags": []any{}}, "spec.tags in body should have at least 1 items"},
		{"unique items", map[string]any{"size": int64(1), "tags": []any{"a", "a"}}, `spec.tags[1]: Duplicate value: "a"`},
		{"item type", map[string]any{"size": int64(1), "tags": []any{int64(1)}}, "spec.tags[0] in body must be of type string"},
		{"max properties", map[string]any{"size": int64(1), "labels": map[string]any{"a": "1", "b": "2"}}, "spec.labels: Too many: 2: must have at most 1 item"},
		{"min properties", map[string]any{"size": int64(1), "labels": map[string]any{}}, "spec.labels in body should have at least 1 properties"},
		{"map value type", map[string]any{"size": int64(1), "labels": map[string]any{"a": true}}, "spec.labels.a in body must be of type string"},
		{"int or string", map[string]any{"size": int64(1), "port": true}, "must be of type integer,string"},
	}
	for _, tt := range tests {
		obj := map[string]any{"apiVersion": "x/v1", "kind": "X", "metadata": map[string]any{"name": "n"}, "spec": tt.spec}
		errs := s.Validate(obj, nil, true)
		got := errs.ToAggregate()
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("%s: unexpected error %v", tt.name, got)
		case strings.HasPrefix(tt.want, "="):
			if got == nil || got.Error() != tt.want[1:] {
				t.Errorf("%s: got %v, want exactly %q", tt.name, got, tt.want[1:])
			}
		case tt.want != "" && (got == nil || !strings.Contains(got.Error(), tt.want)):
			t.Errorf("%s: got %v, want an error containing %q", tt.name, got, tt.want)
		}
	}
}

// Pruning drops undeclared fields except where unknown fields are preserved; defaults fill absent
// and null fields.
func TestSchemaPruneAndDefault(t *testing.T) {
	s := parseTestSchema(t)
	obj := map[string]any{"apiVersion": "x/v1", "kind": "X", "metadata": map[string]any{"name": "n"}, "top": 1,
		"spec": map[string]any{"size": int64(1), "bogus": "x", "free": map[string]any{"any": "thing"}, "labels": map[string]any{"k": "v"}}}
	s.Prune(obj, true)
	s.ApplyDefaults(obj)
	spec := obj["spec"].(map[string]any)
	if _, ok := obj["top"]; ok {
		t.Error("top-level unknown field kept")
	}
	if _, ok := spec["bogus"]; ok {
		t.Error("unknown spec field kept")
	}
	if spec["free"].(map[string]any)["any"] != "thing" || spec["labels"].(map[string]any)["k"] != "v" {
		t.Errorf("preserved fields dropped: %v", spec)
	}
	if spec["color"] != "red" || obj["metadata"] == nil || obj["kind"] != "X" {
		t.Errorf("defaults or identity: %v", obj)
	}
	spec["color"] = nil
	s.ApplyDefaults(obj)
	if spec["color"] != "red" {
		t.Errorf("null not defaulted: %v", spec["color"])
	}
}
