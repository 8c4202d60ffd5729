// Command informer-gen writes the shared informers of a clientset for Go API types tagged
// +genclient: a SharedInformerFactory with per-group/version accessors and ForResource, and one
// <Kind>Informer per resource that can be listed and watched.
//
//	informer-gen --output-dir ./pkg/generated/informers --output-pkg example.com/me/pkg/generated/informers \
//	  --versioned-clientset-pkg example.com/me/pkg/generated/clientset \
//	  --listers-pkg example.com/me/pkg/generated/listers ./apis/...
//
// Inputs are Go package patterns, in any module and any directory layout. With --verify-only it
// writes nothing and exits non-zero listing the files that are out of date.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	informergen "github.com/kubegen/kubegen/informer-gen"
)

func main() {
	klog.InitFlags(nil)
	a := informergen.DefaultArgs()
	fs := pflag.NewFlagSet("informer-gen", pflag.ExitOnError)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: informer-gen [flags] <package patterns of API types>\n\n%s", fs.FlagUsages())
	}
	a.AddFlags(fs)
	fs.AddGoFlagSet(flag.CommandLine)
	_ = fs.Parse(os.Args[1:])

	written, err := informergen.Run(fs.Args(), a)
	if err != nil {
		fmt.Fprintln(os.Stderr, relative(err.Error()))
		os.Exit(1)
	}
	klog.V(1).Infof("informer-gen: %d file(s) written", len(written))
}

// relative shortens absolute paths under the working directory, so file:line positions read as
// they do in an editor.
func relative(msg string) string {
	wd, err := os.Getwd()
	if err != nil {
		return msg
	}
	return strings.ReplaceAll(msg, wd+string(os.PathSeparator), "")
}
