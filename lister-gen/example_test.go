//go:build golden

package listergen_test

import (
	"fmt"
	"os"
	"path/filepath"

	listergen "github.com/kubegen/kubegen/lister-gen"
)

// Run writes a listers package per group/version of the input API types.
func ExampleRun() {
	out, err := os.MkdirTemp("", "listers")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	written, err := listergen.Run([]string{"../client-gen/testdata/apis/example/v1beta1"}, &listergen.Args{
		OutputDir: out,
		OutputPkg: "example.com/me/generated/listers",
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
	// example/v1beta1/expansion_generated.go
	// example/v1beta1/widget.go
}
