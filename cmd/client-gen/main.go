// Command client-gen writes typed clients, a clientset, a scheme package and fakes for Go API
// types tagged +genclient.
//
//	client-gen --output-dir ./pkg/generated --output-pkg example.com/me/pkg/generated ./apis/...
//
// Inputs are Go package patterns, in any module and any directory layout. With --verify-only it
// writes nothing and exits non-zero listing the files that are out of date.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	clientgen "github.com/kubegen/kubegen/client-gen"
	"github.com/kubegen/kubegen/internal/apistubs"
	"github.com/kubegen/kubegen/internal/codegen/command"
)

func main() {
	a := clientgen.DefaultArgs()
	var stubs apistubs.Flags
	command.Command{
		Name: clientgen.Tool,
		Args: "<package patterns of API types>",
		AddFlags: func(fs *pflag.FlagSet) {
			a.AddFlags(fs)
			stubs.AddFlags(fs)
		},
		Validate: stubs.Validate,
		Run: func(patterns []string) ([]string, error) {
			written, err := clientgen.Run(patterns, a)
			if err != nil || a.VerifyOnly {
				return written, err
			}
			stub, wrote, err := stubs.CutFor(filepath.Join(a.OutputDir, a.ClientsetName))
			if err != nil {
				return written, fmt.Errorf("interface stubs: %w", err)
			}
			if wrote {
				fmt.Fprintf(os.Stderr, "client-gen: release stub %s written\n", command.Relative(stub))
			}
			return written, nil
		},
	}.Main()
}
