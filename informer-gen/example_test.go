//go:build golden

package informergen_test

import (
	"fmt"
	"os"
	"path/filepath"

	informergen "github.com/kubegen/kubegen/informer-gen"
)

// Run writes the informers package with its SharedInformerFactory, a package per group in the
// clientset and one per group/version.
func ExampleRun() {
	out, err := os.MkdirTemp("", "informers")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	written, err := informergen.Run([]string{"../client-gen/testdata/apis/example/v1beta1"}, &informergen.Args{
		OutputDir:             out,
		OutputPkg:             "example.com/me/generated/informers",
		VersionedClientsetPkg: "example.com/me/generated/clientset",
		ListersPkg:            "example.com/me/generated/listers",
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
	// doc.go
	// example/doc.go
	// example/interface.go
	// example/v1beta1/doc.go
	// example/v1beta1/interface.go
	// example/v1beta1/widget.go
	// factory.go
	// generic.go
}
