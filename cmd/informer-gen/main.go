// Command informer-gen writes the shared informers of a clientset for Go API types tagged
// +genclient: a SharedInformerFactory with per-group/version accessors and ForResource, and one
// <Kind>Informer per resource that can be listed and watched.
//
//	informer-gen --output-dir ./pkg/generated/informers --output-pkg example.com/me/pkg/generated/informers \
//	  --versioned-clientset-package example.com/me/pkg/generated/clientset \
//	  --listers-package example.com/me/pkg/generated/listers ./apis/...
//
// Inputs are Go package patterns, in any module and any directory layout. With --verify-only it
// writes nothing and exits non-zero listing the files that are out of date.
package main

import (
	informergen "github.com/kubegen/kubegen/informer-gen"
	"github.com/kubegen/kubegen/internal/codegen/command"
)

func main() {
	a := informergen.DefaultArgs()
	command.Command{
		Name:     informergen.Tool,
		Args:     "<package patterns of API types>",
		AddFlags: a.AddFlags,
		Run:      func(patterns []string) ([]string, error) { return informergen.Run(patterns, a) },
	}.Main()
}
