// Command client-gen writes typed clients, a clientset, a scheme package and fakes for Go API
// types tagged +genclient.
//
//	client-gen --output-dir ./pkg/generated --output-pkg example.com/me/pkg/generated ./apis/...
//
// Inputs are Go package patterns, in any module and any directory layout. With --verify-only it
// writes nothing and exits non-zero listing the files that are out of date.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	clientgen "github.com/kubegen/kubegen/client-gen"
	"github.com/kubegen/kubegen/internal/apistubs"
	"github.com/kubegen/kubegen/internal/codegen/command"
)

func main() {
	klog.InitFlags(nil)
	a := clientgen.DefaultArgs()
	fs := pflag.NewFlagSet("client-gen", pflag.ExitOnError)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: client-gen [flags] <package patterns of API types>\n\n%s", fs.FlagUsages())
	}
	a.AddFlags(fs)
	var stubs apistubs.Flags
	stubs.AddFlags(fs)
	fs.AddGoFlagSet(flag.CommandLine)
	_ = fs.Parse(os.Args[1:])
	if err := stubs.Validate(); err != nil {
		fmt.Fprintln(os.Stderr, "client-gen: "+err.Error())
		os.Exit(2)
	}

	written, err := clientgen.Run(fs.Args(), a)
	if err != nil {
		fmt.Fprintln(os.Stderr, command.Relative(err.Error()))
		os.Exit(1)
	}
	klog.V(1).Infof("client-gen: %d file(s) written", len(written))
	if a.VerifyOnly {
		return
	}
	stub, wrote, err := stubs.CutFor(filepath.Join(a.OutputDir, a.ClientsetName))
	if err != nil {
		fmt.Fprintln(os.Stderr, "client-gen: interface stubs: "+command.Relative(err.Error()))
		os.Exit(1)
	}
	if wrote {
		fmt.Fprintf(os.Stderr, "client-gen: release stub %s written\n", command.Relative(stub))
	}
}
