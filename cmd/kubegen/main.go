// Command kubegen runs kubegen's generators — deepcopy-gen, client-gen, lister-gen and informer-gen
// — over ONE load of the input packages, so the Go type-checker runs once however many generators
// there are.
//
//	kubegen --output-dir ./pkg/generated --output-pkg example.com/me/pkg/generated ./apis/...
//
// `kubegen diff-api --release NAME CLIENTSET_DIR` reports, for reviewers, how a clientset's interfaces
// changed since a release stub cut with --interface-stubs; `kubegen cut-stub --release NAME
// CLIENTSET_DIR` cuts one for an already generated clientset.
//
// Inputs are Go package patterns, in any module and directory layout. Deep-copy functions go into
// each input package (zz_generated.deepcopy.go); the clientset goes to <output-dir>/<clientset-name>,
// listers and informers to <output-dir>/listers and <output-dir>/informers (--listers-dir,
// --informers-dir). Nothing is written unless every generator succeeds; with --verify-only nothing
// is written at all and kubegen exits non-zero listing the files that are out of date.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/internal/apistubs"
	"github.com/kubegen/kubegen/internal/codegen/command"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "diff-api":
			os.Exit(apistubs.DiffAPI(os.Args[2:], os.Stdout, os.Stderr))
		case "cut-stub":
			os.Exit(apistubs.CutStub(os.Args[2:], os.Stdout, os.Stderr))
		}
	}
	klog.InitFlags(nil)
	o := newOptions()
	fs := pflag.NewFlagSet("kubegen", pflag.ExitOnError)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: kubegen [flags] <package patterns of API types>\n"+
			"       kubegen diff-api --release NAME CLIENTSET_DIR\n"+
			"       kubegen cut-stub --release NAME [--policy strict|additive] CLIENTSET_DIR\n\n%s", fs.FlagUsages())
	}
	o.addFlags(fs)
	fs.AddGoFlagSet(flag.CommandLine)
	_ = fs.Parse(os.Args[1:])
	if fs.NArg() == 0 {
		fs.Usage()
		os.Exit(2)
	}
	written, err := o.run(fs.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "kubegen: "+command.Relative(err.Error()))
		os.Exit(1)
	}
	klog.V(1).Infof("kubegen: %d file(s) written", len(written))
	if stub, wrote, err := o.cutStubs(); err != nil {
		fmt.Fprintln(os.Stderr, "kubegen: interface stubs: "+command.Relative(err.Error()))
		os.Exit(1)
	} else if wrote {
		fmt.Fprintf(os.Stderr, "kubegen: release stub %s written\n", command.Relative(stub))
	}
}
