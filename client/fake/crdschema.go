package fake

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Schema is the part of an OpenAPI v3 schema (apiextensions.k8s.io/v1 JSONSchemaProps) of a custom
// resource that the tracker applies: structure, the common value constraints, defaults, and the
// Kubernetes extensions that change pruning and typing. Other keywords (CEL rules, formats, oneOf, ...)
// are ignored.
type Schema struct {
	Type                 string             `json:"type,omitempty"`
	Nullable             bool               `json:"nullable,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	AdditionalProperties *SchemaOrBool      `json:"additionalProperties,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	Required             []string           `json:"required,omitempty"`
	Enum                 []any              `json:"enum,omitempty"`
	Default              any                `json:"default,omitempty"`

	Minimum          *float64 `json:"minimum,omitempty"`
	Maximum          *float64 `json:"maximum,omitempty"`
	ExclusiveMinimum bool     `json:"exclusiveMinimum,omitempty"`
	ExclusiveMaximum bool     `json:"exclusiveMaximum,omitempty"`
	MultipleOf       *float64 `json:"multipleOf,omitempty"`
	MinLength        *int64   `json:"minLength,omitempty"`
	MaxLength        *int64   `json:"maxLength,omitempty"`
	Pattern          string   `json:"pattern,omitempty"`
	MinItems         *int64   `json:"minItems,omitempty"`
	MaxItems         *int64   `json:"maxItems,omitempty"`
	UniqueItems      bool     `json:"uniqueItems,omitempty"`
	MinProperties    *int64   `json:"minProperties,omitempty"`
	MaxProperties    *int64   `json:"maxProperties,omitempty"`

	PreserveUnknownFields bool `json:"x-kubernetes-preserve-unknown-fields,omitempty"`
	EmbeddedResource      bool `json:"x-kubernetes-embedded-resource,omitempty"`
	IntOrString           bool `json:"x-kubernetes-int-or-string,omitempty"`

	pattern *regexp.Regexp
}

// SchemaOrBool is additionalProperties: a schema for the values of a map, or whether any are allowed.
type SchemaOrBool struct {
	Allows bool
	Schema *Schema
}

// UnmarshalJSON reads a boolean or a schema.
func (s *SchemaOrBool) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &s.Allows); err == nil {
		return nil
	}
	s.Allows = true
	return json.Unmarshal(data, &s.Schema)
}

// compile checks the schema's patterns, compiling them, and reports the first bad one with its path.
func (s *Schema) compile(path string) error {
	if s == nil {
		return nil
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return fmt.Errorf("%s.pattern: %w", path, err)
		}
		s.pattern = re
	}
	for name, p := range s.Properties {
		if err := p.compile(path + ".properties[" + name + "]"); err != nil {
			return err
		}
	}
	if err := s.Items.compile(path + ".items"); err != nil {
		return err
	}
	if s.AdditionalProperties != nil {
		return s.AdditionalProperties.Schema.compile(path + ".additionalProperties")
	}
	return nil
}

// values returns the schema of the values of a map-typed object, or nil.
func (s *Schema) values() *Schema {
	if s.AdditionalProperties == nil {
		return nil
	}
	return s.AdditionalProperties.Schema
}

// keepsUnknown reports whether an object with this schema keeps fields it does not declare.
func (s *Schema) keepsUnknown() bool {
	return s.PreserveUnknownFields || (s.AdditionalProperties != nil && s.AdditionalProperties.Allows)
}

// Prune removes from v the fields the schema does not declare, as kube-apiserver does when it decodes
// a custom resource. At the root of a resource (root true), apiVersion, kind and metadata stay.
func (s *Schema) Prune(v any, root bool) {
	if s == nil {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if root && (k == "apiVersion" || k == "kind" || k == "metadata") {
				continue
			}
			if p, ok := s.Properties[k]; ok {
				p.Prune(x, false)
				continue
			}
			if vs := s.values(); vs != nil {
				vs.Prune(x, false)
				continue
			}
			if !s.keepsUnknown() {
				delete(v, k)
			}
		}
	case []any:
		for _, x := range v {
			s.Items.Prune(x, false)
		}
	}
}

// ApplyDefaults sets the schema's defaults in v where fields are absent (or null and not nullable), from the
// root down, as kube-apiserver does when it decodes a custom resource.
func (s *Schema) ApplyDefaults(v any) {
	if s == nil {
		return
	}
	switch v := v.(type) {
	case map[string]any:
		for k, p := range s.Properties {
			x, ok := v[k]
			if p.Default != nil && (!ok || (x == nil && !p.Nullable)) {
				v[k] = runtime.DeepCopyJSONValue(normalizeJSON(p.Default))
			}
		}
		for k, x := range v {
			if p, ok := s.Properties[k]; ok {
				p.ApplyDefaults(x)
			} else if vs := s.values(); vs != nil {
				vs.ApplyDefaults(x)
			}
		}
	case []any:
		for _, x := range v {
			s.Items.ApplyDefaults(x)
		}
	}
}

// normalizeJSON turns the numbers of a value decoded by encoding/json into int64 where they are
// integers, as objects decoded by apimachinery have them.
func normalizeJSON(v any) any {
	switch v := v.(type) {
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v)
		}
		return v
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = normalizeJSON(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalizeJSON(x)
		}
		return out
	}
	return v
}

// Validate checks v against the schema and returns kube-apiserver's errors for a custom resource,
// with field paths from fld. At the root, metadata is left to the object metadata validation.
func (s *Schema) Validate(v any, fld *field.Path, root bool) field.ErrorList {
	return s.validate(v, fld, root, "")
}

// validate is Validate with messages naming fields without the prefix strip (kube-apiserver names
// the fields of a status update from the status down, while its field paths start at the root).
func (s *Schema) validate(v any, fld *field.Path, root bool, strip string) field.ErrorList {
	if s == nil {
		return nil
	}
	name := strings.TrimPrefix(fld.String(), strip)
	if v == nil {
		if s.Nullable || s.Type == "" {
			return nil
		}
		return field.ErrorList{field.TypeInvalid(fld, "null", fmt.Sprintf("%s in body must be of type %s: \"null\"", name, s.Type))}
	}
	if errs := s.validateType(v, fld, name); len(errs) > 0 {
		return errs
	}
	// In kube-apiserver's order: the constraints of the value's type, then enum, then the fields.
	var errs field.ErrorList
	switch v := v.(type) {
	case []any:
		errs = append(errs, s.validateArray(v, fld, name)...)
	case string:
		errs = append(errs, s.validateString(v, fld, name)...)
	case int64:
		errs = append(errs, s.validateNumber(float64(v), v, fld, name)...)
	case float64:
		errs = append(errs, s.validateNumber(v, v, fld, name)...)
	case map[string]any:
		errs = append(errs, s.validateProperties(v, fld, name)...)
	}
	if len(s.Enum) > 0 && !inEnum(v, s.Enum) {
		errs = append(errs, field.NotSupported(fld, v, enumStrings(s.Enum)))
	}
	switch v := v.(type) {
	case map[string]any:
		errs = append(errs, s.validateFields(v, fld, root, strip)...)
	case []any:
		for i, x := range v {
			errs = append(errs, s.Items.validate(x, fld.Index(i), false, strip)...)
		}
	}
	return errs
}

// jsonType is the OpenAPI type name of a decoded JSON value.
func jsonType(v any) string {
	switch v := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, int32, int:
		return "integer"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func (s *Schema) validateType(v any, fld *field.Path, name string) field.ErrorList {
	got := jsonType(v)
	switch {
	case s.IntOrString && (got == "integer" || got == "string"):
		return nil
	case s.IntOrString:
		return field.ErrorList{field.TypeInvalid(fld, got, fmt.Sprintf("%s in body must be of type integer,string: %q", name, got))}
	case s.Type == "" || s.Type == got || (s.Type == "number" && got == "integer"):
		return nil
	}
	return field.ErrorList{field.TypeInvalid(fld, got, fmt.Sprintf("%s in body must be of type %s: %q", name, s.Type, got))}
}

// validateProperties checks an object's number of properties and its required ones.
func (s *Schema) validateProperties(v map[string]any, fld *field.Path, name string) field.ErrorList {
	var errs field.ErrorList
	if s.MaxProperties != nil && int64(len(v)) > *s.MaxProperties {
		errs = append(errs, field.TooMany(fld, len(v), int(*s.MaxProperties)))
	}
	if s.MinProperties != nil && int64(len(v)) < *s.MinProperties {
		errs = append(errs, field.Invalid(fld, int64(len(v)), fmt.Sprintf("%s in body should have at least %d properties", name, *s.MinProperties)))
	}
	for _, k := range s.Required {
		if _, ok := v[k]; !ok {
			errs = append(errs, field.Required(fld.Child(k), ""))
		}
	}
	return errs
}

// validateFields checks an object's fields, in the order of their names.
func (s *Schema) validateFields(v map[string]any, fld *field.Path, root bool, strip string) field.ErrorList {
	var errs field.ErrorList
	for _, k := range sortedKeys(v) {
		if root && (k == "metadata" || k == "apiVersion" || k == "kind") {
			continue
		}
		if p, ok := s.Properties[k]; ok {
			errs = append(errs, p.validate(v[k], fld.Child(k), false, strip)...)
		} else if vs := s.values(); vs != nil {
			errs = append(errs, vs.validate(v[k], fld.Child(k), false, strip)...)
		}
	}
	return errs
}

func (s *Schema) validateArray(v []any, fld *field.Path, name string) field.ErrorList {
	var errs field.ErrorList
	if s.MaxItems != nil && int64(len(v)) > *s.MaxItems {
		errs = append(errs, field.TooMany(fld, len(v), int(*s.MaxItems)))
	}
	if s.MinItems != nil && int64(len(v)) < *s.MinItems {
		errs = append(errs, field.Invalid(fld, int64(len(v)), fmt.Sprintf("%s in body should have at least %d items", name, *s.MinItems)))
	}
	if s.UniqueItems {
		for i := range v {
			for j := 0; j < i; j++ {
				if reflect.DeepEqual(v[i], v[j]) {
					errs = append(errs, field.Duplicate(fld.Index(i), v[i]))
					break
				}
			}
		}
	}
	return errs
}

// validateString checks a string's length and pattern; as on kube-apiserver, only the first failure
// counts.
func (s *Schema) validateString(v string, fld *field.Path, name string) field.ErrorList {
	n := int64(utf8.RuneCountInString(v))
	switch {
	case s.MaxLength != nil && n > *s.MaxLength:
		return field.ErrorList{field.TooLong(fld, "", int(*s.MaxLength))}
	case s.MinLength != nil && n < *s.MinLength:
		return field.ErrorList{field.Invalid(fld, v, fmt.Sprintf("%s in body should be at least %d chars long", name, *s.MinLength))}
	case s.pattern != nil && !s.pattern.MatchString(v):
		return field.ErrorList{field.Invalid(fld, v, fmt.Sprintf("%s in body should match '%s'", name, s.Pattern))}
	}
	return nil
}

// validateNumber checks a number's multipleOf, maximum and minimum, in kube-apiserver's order.
func (s *Schema) validateNumber(f float64, v any, fld *field.Path, name string) field.ErrorList {
	var errs field.ErrorList
	if m := s.MultipleOf; m != nil && *m > 0 && math.Mod(f, *m) != 0 {
		errs = append(errs, field.Invalid(fld, v, fmt.Sprintf("%s in body should be a multiple of %v", name, *m)))
	}
	if m := s.Maximum; m != nil && (f > *m || (s.ExclusiveMaximum && f == *m)) {
		msg := fmt.Sprintf("%s in body should be less than or equal to %v", name, *m)
		if s.ExclusiveMaximum {
			msg = fmt.Sprintf("%s in body should be less than %v", name, *m)
		}
		errs = append(errs, field.Invalid(fld, v, msg))
	}
	if m := s.Minimum; m != nil && (f < *m || (s.ExclusiveMinimum && f == *m)) {
		msg := fmt.Sprintf("%s in body should be greater than or equal to %v", name, *m)
		if s.ExclusiveMinimum {
			msg = fmt.Sprintf("%s in body should be greater than %v", name, *m)
		}
		errs = append(errs, field.Invalid(fld, v, msg))
	}
	return errs
}

func inEnum(v any, enum []any) bool {
	for _, e := range enum {
		if reflect.DeepEqual(normalizeJSON(e), v) {
			return true
		}
	}
	return false
}

// enumStrings renders the allowed values as kube-apiserver lists them: strings as they are, other
// values as JSON.
func enumStrings(enum []any) []string {
	out := make([]string, 0, len(enum))
	for _, e := range enum {
		if s, ok := e.(string); ok {
			out = append(out, s)
			continue
		}
		data, _ := json.Marshal(e)
		out = append(out, string(data))
	}
	return out
}
