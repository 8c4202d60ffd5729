package clientgen

import (
	"errors"
	"fmt"
	"go/token"
	"strings"

	"github.com/spf13/pflag"

	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// Args are client-gen's options.
type Args struct {
	// OutputDir is the directory that corresponds to OutputPkg.
	OutputDir string
	// OutputPkg is the Go import path of OutputDir.
	OutputPkg string
	// ClientsetName names the clientset package, a directory under OutputDir.
	ClientsetName string
	// GoHeaderFile is a license header for generated files; YEAR is replaced.
	GoHeaderFile string
	// PluralExceptions are "Kind:Plural" pairs for kinds English rules pluralise wrongly.
	PluralExceptions []string
	// PrefersProtobuf makes typed clients send and ask for protobuf unless the config says otherwise.
	PrefersProtobuf bool
	// FakeClientset also writes fake typed clients and a fake clientset.
	FakeClientset bool
	// IncludeAlpha puts groups that only have alpha versions into the clientset (with AllVersions,
	// alpha versions). Their typed packages are written either way.
	IncludeAlpha bool
	// AllVersions gives the clientset a getter for every version of every group (GatewayV1(),
	// GatewayV1beta1()), as code-generator's has; without it, one per group, its preferred version.
	AllVersions bool
	// OldestServer is the oldest Kubernetes release ("1.35") the clientset must work with: a
	// group-version whose every kind carries +k8s:prerelease-lifecycle-gen:removed at or before it
	// is left out of the clientset and the fake clientset's getters (its typed package and fake
	// are still written, and the scheme still registers it). Empty: no group-version is left out.
	OldestServer string
	// Examples also writes, into each typed package, an example_test.go that runs one of its kinds
	// through the fake clientset (needs FakeClientset).
	Examples bool
	// VerifyOnly writes nothing and fails listing the files that are out of date.
	VerifyOnly bool
	// ApplyConfigurationPackage is the import path of the apply configurations of the inputs
	// (applyconfiguration-gen's --output-pkg). When set, Apply and ApplyStatus, and apply methods on
	// subresources, take apply configurations instead of objects, and the fake clientset applies with
	// the schema of its internal package.
	ApplyConfigurationPackage string
	// ExternalApplyConfigurations are applyconfiguration-gen's entries of the same name, for apply
	// methods whose input is outside the inputs (kubegen passes its own).
	ExternalApplyConfigurations []string
}

// DefaultArgs returns the defaults of the flags.
func DefaultArgs() *Args {
	return &Args{ClientsetName: "versioned", FakeClientset: true, IncludeAlpha: true, AllVersions: true, Examples: true}
}

// AddFlags registers the options on fs.
func (a *Args) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&a.OutputDir, "output-dir", a.OutputDir, "directory of --output-pkg; the clientset is written to <output-dir>/<clientset-name>")
	fs.StringVar(&a.OutputPkg, "output-pkg", a.OutputPkg, "Go import path of --output-dir")
	fs.StringVarP(&a.ClientsetName, "clientset-name", "n", a.ClientsetName, "name of the clientset package")
	fs.StringVar(&a.GoHeaderFile, "go-header-file", a.GoHeaderFile, "license header for generated files (YEAR is replaced)")
	fs.StringSliceVar(&a.PluralExceptions, "plural-exceptions", a.PluralExceptions, "Kind:Plural pairs, e.g. Endpoints:Endpoints")
	fs.BoolVar(&a.PrefersProtobuf, "prefers-protobuf", a.PrefersProtobuf, "typed clients default to protobuf (for built-in types)")
	fs.BoolVar(&a.FakeClientset, "fake-clientset", a.FakeClientset, "also write fake typed clients and a fake clientset")
	fs.BoolVar(&a.IncludeAlpha, "clientset-include-alpha", a.IncludeAlpha, "put alpha-only groups in the clientset (their typed packages are written regardless)")
	fs.BoolVar(&a.AllVersions, "clientset-all-versions", a.AllVersions, "give the clientset every version of each group, as code-generator's (false: the preferred version only)")
	fs.StringVar(&a.OldestServer, codegen.OldestServerFlag, a.OldestServer, codegen.OldestServerUsage)
	fs.BoolVar(&a.Examples, "examples", a.Examples, "also write a runnable example_test.go into each typed package (with --fake-clientset)")
	fs.BoolVar(&a.VerifyOnly, "verify-only", a.VerifyOnly, "write nothing; fail listing the files that are out of date")
	fs.StringVar(&a.ApplyConfigurationPackage, "apply-configuration-package", a.ApplyConfigurationPackage,
		"import path of the inputs' apply configurations: Apply and ApplyStatus take them instead of objects")
}

// Validate checks the options and returns the plural exceptions they hold.
func (a *Args) Validate() (map[string]string, error) {
	var errs []error
	if a.OutputDir == "" {
		errs = append(errs, errors.New("--output-dir is required"))
	}
	if a.OutputPkg == "" {
		errs = append(errs, errors.New("--output-pkg is required"))
	}
	if !token.IsIdentifier(a.ClientsetName) || strings.ToLower(a.ClientsetName) != a.ClientsetName {
		errs = append(errs, fmt.Errorf("--clientset-name %q must be a lower-case Go package name", a.ClientsetName))
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
