package smdschema

import (
	yaml "go.yaml.in/yaml/v2"
	"sigs.k8s.io/structured-merge-diff/v6/schema"
)

// YAML renders s as structured-merge-diff reads it (typed.NewParser). The output depends only on
// s: the same types give the same bytes.
func YAML(s *schema.Schema) ([]byte, error) {
	return yaml.Marshal(s)
}
