// Command applyconfiguration-gen writes apply configurations — typed builders of the partial
// objects a field manager applies with server-side apply — for Go API types tagged +genclient, in
// client-go's layout.
//
//	applyconfiguration-gen --output-dir ./pkg/generated/applyconfiguration \
//	    --output-pkg example.com/me/pkg/generated/applyconfiguration ./apis/...
//
// Inputs are Go package patterns, in any module and any directory layout. Types from other modules
// that the inputs use take their apply configurations from --external-applyconfigurations (meta/v1's
// from kubegen's runtime, k8s.io/api's from kubegen's blessed tree by default). With --verify-only it
// writes nothing and exits non-zero listing the files that are out of date.
package main

import (
	applyconfigurationgen "github.com/kubegen/kubegen/applyconfiguration-gen"
	"github.com/kubegen/kubegen/internal/codegen/command"
)

func main() {
	a := applyconfigurationgen.DefaultArgs()
	command.Command{
		Name:     applyconfigurationgen.Tool,
		Args:     "<package patterns of API types>",
		AddFlags: a.AddFlags,
		Run:      func(patterns []string) ([]string, error) { return applyconfigurationgen.Run(patterns, a) },
	}.Main()
}
