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
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

func main() {
	klog.InitFlags(nil)
	args := deepcopygen.DefaultArgs()
	var load output.LoadOptions
	fs := pflag.NewFlagSet("deepcopy-gen", pflag.ExitOnError)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: deepcopy-gen [flags] <package patterns>\n\n%s", fs.FlagUsages())
	}
	args.AddFlags(fs)
	fs.StringSliceVar(&load.BuildTags, "build-tags", nil, "build tags to load the input packages with")
	fs.AddGoFlagSet(flag.CommandLine)
	_ = fs.Parse(os.Args[1:])
	if fs.NArg() == 0 {
		fs.Usage()
		os.Exit(2)
	}

	written, err := deepcopygen.Run(fs.Args(), load, args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "deepcopy-gen: "+relative(err.Error()))
		os.Exit(1)
	}
	klog.V(1).Infof("deepcopy-gen: %d file(s) written", len(written))
}

// relative shortens absolute paths under the working directory, so positions read as they do in
// an editor.
func relative(msg string) string {
	wd, err := os.Getwd()
	if err != nil {
		return msg
	}
	return strings.ReplaceAll(msg, wd+string(os.PathSeparator), "")
}
