package applyconfigurationgen

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/kubegen/kubegen/internal/codegen/applyconfig"
	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// Args are applyconfiguration-gen's options.
type Args struct {
	// OutputDir is the directory of the apply configurations: each group/version goes to
	// <OutputDir>/<group>/<version>.
	OutputDir string
	// OutputPkg is the Go import path of OutputDir.
	OutputPkg string
	// GoHeaderFile is a license header for generated files; YEAR is replaced.
	GoHeaderFile string
	// ExternalApplyConfigurations are "<pkg>.<Type>:<applyconfig pkg>" entries for types outside
	// the inputs (an empty package: the type has none, its fields stay Go values). meta/v1's types
	// default to kubegen's runtime package, k8s.io/api's to kubegen's blessed tree.
	ExternalApplyConfigurations []string
	// PluralExceptions are "Kind:Plural" pairs for kinds English rules pluralise wrongly.
	PluralExceptions []string
	// VerifyOnly writes nothing and fails listing the files that are out of date.
	VerifyOnly bool
	// RuntimeMeta writes kubegen's own meta/v1 apply configurations (client/applyconfigurations/
	// meta/v1) from k8s.io/apimachinery/pkg/apis/meta/v1 instead of those of +genclient kinds.
	RuntimeMeta bool
}

// DefaultArgs returns the defaults of the flags.
func DefaultArgs() *Args { return &Args{} }

// AddFlags registers the options on fs.
func (a *Args) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&a.OutputDir, "output-dir", a.OutputDir, "directory of the apply configurations; each group/version goes to <output-dir>/<group>/<version>")
	fs.StringVar(&a.OutputPkg, "output-pkg", a.OutputPkg, "Go import path of --output-dir")
	fs.StringVar(&a.GoHeaderFile, "go-header-file", a.GoHeaderFile, "license header for generated files (YEAR is replaced)")
	fs.StringSliceVar(&a.ExternalApplyConfigurations, "external-applyconfigurations", a.ExternalApplyConfigurations,
		"apply configurations of types outside the inputs, <pkg>.<Type>:<applyconfig pkg> (meta/v1 and k8s.io/api have defaults)")
	fs.StringSliceVar(&a.PluralExceptions, "plural-exceptions", a.PluralExceptions, "Kind:Plural pairs, e.g. Endpoints:Endpoints")
	fs.BoolVar(&a.VerifyOnly, "verify-only", a.VerifyOnly, "write nothing; fail listing the files that are out of date")
	fs.BoolVar(&a.RuntimeMeta, "kubegen-runtime-meta", a.RuntimeMeta, "write kubegen's own meta/v1 apply configurations (for kubegen's build)")
	_ = fs.MarkHidden("kubegen-runtime-meta")
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
	if _, err := applyconfig.ParseExternal(a.ExternalApplyConfigurations); err != nil {
		errs = append(errs, fmt.Errorf("--external-applyconfigurations: %w", err))
	}
	exceptions, err := naming.ParsePluralExceptions(a.PluralExceptions)
	if err != nil {
		errs = append(errs, fmt.Errorf("--plural-exceptions: %w", err))
	}
	return exceptions, errors.Join(errs...)
}

// Layout is where the apply configurations of a run with these options live.
func (a *Args) Layout() (applyconfig.Layout, error) {
	external, err := applyconfig.ParseExternal(a.ExternalApplyConfigurations)
	return applyconfig.Layout{Root: a.OutputPkg, External: external}, err
}
