//go:build golden

package applyconfigurationgen_test

import (
	"fmt"
	"os"
	"path/filepath"

	applyconfigurationgen "github.com/kubegen/kubegen/applyconfiguration-gen"
)

// Run writes a package of apply configurations per group/version of the input API types: one file
// per struct reachable from a kind that can be applied (a kind's file has its Extract functions
// too), the package internal, with the schema those read managedFields with, and parser.go, which
// gives that schema to fake clientsets.
func ExampleRun() {
	out, err := os.MkdirTemp("", "applyconfiguration")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	written, err := applyconfigurationgen.Run([]string{"../client-gen/testdata/apis/example/v1beta1"}, &applyconfigurationgen.Args{
		OutputDir: out,
		OutputPkg: "example.com/me/generated/applyconfiguration",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range written {
		rel, _ := filepath.Rel(out, f)
		fmt.Println(filepath.ToSlash(rel))
	}
	// Output:
	// example/v1beta1/doc.go
	// example/v1beta1/widget.go
	// internal/doc.go
	// internal/internal.go
	// parser.go
}
