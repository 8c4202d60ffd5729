// Command deepcopy-gen writes DeepCopyInto, DeepCopy and DeepCopyObject methods for Go API types
// into zz_generated.deepcopy.go in each input package.
//
//	deepcopy-gen --go-header-file hack/boilerplate.go.txt ./apis/...
//
// Inputs are Go package patterns. Packages opt in with +k8s:deepcopy-gen=package in doc.go, types
// with +k8s:deepcopy-gen=true. With --verify-only it writes nothing and exits non-zero listing the
// files that are out of date.
package main

import (
	"github.com/spf13/pflag"

	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	"github.com/kubegen/kubegen/internal/codegen/command"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

func main() {
	args := deepcopygen.DefaultArgs()
	var load output.LoadOptions
	command.Command{
		Name: deepcopygen.Tool,
		Args: "<package patterns>",
		AddFlags: func(fs *pflag.FlagSet) {
			args.AddFlags(fs)
			fs.StringSliceVar(&load.BuildTags, "build-tags", nil, "build tags to load the input packages with")
		},
		NeedArgs: true,
		Run: func(patterns []string) ([]string, error) {
			return deepcopygen.Run(patterns, load, args)
		},
	}.Main()
}
