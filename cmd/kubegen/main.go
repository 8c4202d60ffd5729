// Command kubegen runs kubegen's generators — deepcopy-gen, applyconfiguration-gen, client-gen,
// lister-gen and informer-gen — over ONE load of the input packages, so the Go type-checker runs once however many generators
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
// apply configurations, listers and informers to <output-dir>/applyconfiguration,
// <output-dir>/listers and <output-dir>/informers (--applyconfigurations-dir, --listers-dir,
// --informers-dir). Nothing is written unless every generator succeeds; with --verify-only nothing
// is written at all and kubegen exits non-zero listing the files that are out of date.
package main

import (
	"fmt"
	"os"

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
	o := newOptions()
	command.Command{
		Name: "kubegen",
		Args: "<package patterns of API types>",
		MoreUsage: []string{
			"kubegen diff-api --release NAME CLIENTSET_DIR",
			"kubegen cut-stub --release NAME [--policy strict|additive] CLIENTSET_DIR",
		},
		AddFlags: o.addFlags,
		Validate: o.validate,
		NeedArgs: true,
		Run: func(patterns []string) ([]string, error) {
			written, err := o.run(patterns)
			if err != nil {
				return nil, err
			}
			stub, wrote, err := o.cutStubs()
			if err != nil {
				return written, fmt.Errorf("interface stubs: %w", err)
			}
			if wrote {
				fmt.Fprintf(os.Stderr, "kubegen: release stub %s written\n", command.Relative(stub))
			}
			return written, nil
		},
	}.Main()
}
