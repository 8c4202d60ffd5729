// Package schematest builds structured-merge-diff schemas of Go API packages for tests: it loads the
// packages as the generators do and derives the schema of their +genclient kinds with package
// smdschema, so tests of the runtime (the fake's apply, Extract) use the schema the generated
// applyconfigurations/internal packages hold, without a generated tree.
//
// Layer: test support over internal/codegen (output, model, smdschema).
package schematest

import (
	"fmt"
	"strings"
	"sync"

	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/output"
	"github.com/kubegen/kubegen/internal/codegen/smdschema"
)

type result struct {
	parser *typed.Parser
	err    error
}

var (
	mu    sync.Mutex
	cache = map[string]*result{}
)

// Parser returns the schema of the +genclient kinds of the packages patterns match (and every type
// they reach), parsed as structured-merge-diff parses the generated schema. Each set of patterns is
// loaded once per process.
func Parser(patterns ...string) (*typed.Parser, error) {
	key := strings.Join(patterns, " ")
	mu.Lock()
	defer mu.Unlock()
	if r, ok := cache[key]; ok {
		return r.parser, r.err
	}
	p, err := build(patterns)
	cache[key] = &result{p, err}
	return p, err
}

func build(patterns []string) (*typed.Parser, error) {
	loaded, err := output.Load(patterns, output.LoadOptions{})
	if err != nil {
		return nil, err
	}
	api, err := codegen.BuildModel(loaded.Universe, loaded.Inputs, nil)
	if err != nil {
		return nil, err
	}
	b := smdschema.NewBuilder(loaded.Universe)
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			for _, k := range v.Kinds {
				b.Add(k.Type)
			}
		}
	}
	s, err := b.Schema()
	if err != nil {
		return nil, err
	}
	y, err := smdschema.YAML(s)
	if err != nil {
		return nil, err
	}
	p, err := typed.NewParser(typed.YAMLObject(y))
	if err != nil {
		return nil, fmt.Errorf("structured-merge-diff refuses the schema: %w", err)
	}
	return p, nil
}
