// Command lister-gen writes listers — typed, read-only views of an informer's cache — for Go API
// types tagged +genclient.
//
//	lister-gen --output-dir ./pkg/generated/listers --output-pkg example.com/me/pkg/generated/listers ./apis/...
//
// Inputs are Go package patterns, in any module and any directory layout. With --verify-only it
// writes nothing and exits non-zero listing the files that are out of date.
package main

import (
	"github.com/kubegen/kubegen/internal/codegen/command"
	listergen "github.com/kubegen/kubegen/lister-gen"
)

func main() {
	a := listergen.DefaultArgs()
	command.Command{
		Name:     listergen.Tool,
		Args:     "<package patterns of API types>",
		AddFlags: a.AddFlags,
		Run:      func(patterns []string) ([]string, error) { return listergen.Run(patterns, a) },
	}.Main()
}
