package informergen

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// Args are informer-gen's options.
type Args struct {
	// OutputDir is the directory of the informers package; groups and versions go below it.
	OutputDir string
	// OutputPkg is the Go import path of OutputDir.
	OutputPkg string
	// VersionedClientsetPkg is the import path of the clientset client-gen wrote; its typed
	// packages are under <VersionedClientsetPkg>/typed/<group>/<version>.
	VersionedClientsetPkg string
	// ListersPkg is the import path of the listers lister-gen wrote.
	ListersPkg string
	// GoHeaderFile is a license header for generated files; YEAR is replaced.
	GoHeaderFile string
	// PluralExceptions are "Kind:Plural" pairs for kinds English rules pluralise wrongly.
	PluralExceptions []string
	// IncludeAlpha must match client-gen's --clientset-include-alpha: it says whether the
	// clientset holds groups that only have alpha versions.
	IncludeAlpha bool
	// AllVersions must match client-gen's --clientset-all-versions: with it the factory offers
	// every version of each group the clientset holds (factory.Gateway().V1beta1() beside
	// V1()), as code-generator's does; without it, the clientset's one version per group.
	AllVersions bool
	// OldestServer must match client-gen's --clientset-oldest-server: the factory leaves out the
	// group-versions the clientset leaves out.
	OldestServer string
	// VerifyOnly writes nothing and fails listing the files that are out of date.
	VerifyOnly bool
}

// DefaultArgs returns the defaults of the flags (the same clientset choice as client-gen's).
func DefaultArgs() *Args { return &Args{IncludeAlpha: true, AllVersions: true} }

// AddFlags registers the options on fs.
func (a *Args) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&a.OutputDir, "output-dir", a.OutputDir, "directory of the informers package")
	fs.StringVar(&a.OutputPkg, "output-pkg", a.OutputPkg, "Go import path of --output-dir")
	fs.StringVar(&a.VersionedClientsetPkg, "versioned-clientset-package", a.VersionedClientsetPkg, "import path of the clientset written by client-gen")
	fs.StringVar(&a.ListersPkg, "listers-package", a.ListersPkg, "import path of the listers written by lister-gen")
	// kubegen's first names of the two flags, kept beside code-generator's.
	fs.StringVar(&a.VersionedClientsetPkg, "versioned-clientset-pkg", a.VersionedClientsetPkg, "the same as --versioned-clientset-package")
	fs.StringVar(&a.ListersPkg, "listers-pkg", a.ListersPkg, "the same as --listers-package")
	fs.StringVar(&a.GoHeaderFile, "go-header-file", a.GoHeaderFile, "license header for generated files (YEAR is replaced)")
	fs.StringSliceVar(&a.PluralExceptions, "plural-exceptions", a.PluralExceptions, "Kind:Plural pairs, e.g. Endpoints:Endpoints")
	fs.BoolVar(&a.IncludeAlpha, "clientset-include-alpha", a.IncludeAlpha, "the clientset holds alpha-only groups (as client-gen's flag of the same name)")
	fs.BoolVar(&a.AllVersions, "clientset-all-versions", a.AllVersions, "the factory offers every version of each group, as the clientset of client-gen's flag of the same name (false: the preferred version only)")
	fs.StringVar(&a.OldestServer, codegen.OldestServerFlag, a.OldestServer, "as client-gen's flag of the same name: "+codegen.OldestServerUsage)
	fs.BoolVar(&a.VerifyOnly, "verify-only", a.VerifyOnly, "write nothing; fail listing the files that are out of date")
}

// Validate checks the options and returns the plural exceptions they hold.
func (a *Args) Validate() (map[string]string, error) {
	var errs []error
	for _, req := range []struct{ flag, value string }{
		{"--output-dir", a.OutputDir},
		{"--output-pkg", a.OutputPkg},
		{"--versioned-clientset-package", a.VersionedClientsetPkg},
		{"--listers-package", a.ListersPkg},
	} {
		if req.value == "" {
			errs = append(errs, fmt.Errorf("%s is required", req.flag))
		}
	}
	exceptions, err := naming.ParsePluralExceptions(a.PluralExceptions)
	if err != nil {
		errs = append(errs, fmt.Errorf("--plural-exceptions: %w", err))
	}
	if err := codegen.ParseOldestServer(a.OldestServer); err != nil {
		errs = append(errs, err)
	}
	return exceptions, errors.Join(errs...)
}
