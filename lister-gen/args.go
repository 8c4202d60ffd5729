package listergen

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/kubegen/kubegen/internal/codegen/naming"
)

// Args are lister-gen's options.
type Args struct {
	// OutputDir is the directory of the listers: each group/version goes to
	// <OutputDir>/<group>/<version>.
	OutputDir string
	// OutputPkg is the Go import path of OutputDir.
	OutputPkg string
	// GoHeaderFile is a license header for generated files; YEAR is replaced.
	GoHeaderFile string
	// PluralExceptions are "Kind:Plural" pairs for kinds English rules pluralise wrongly.
	PluralExceptions []string
	// VerifyOnly writes nothing and fails listing the files that are out of date.
	VerifyOnly bool
}

// DefaultArgs returns the defaults of the flags.
func DefaultArgs() *Args { return &Args{} }

// AddFlags registers the options on fs.
func (a *Args) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&a.OutputDir, "output-dir", a.OutputDir, "directory of the listers; each group/version goes to <output-dir>/<group>/<version>")
	fs.StringVar(&a.OutputPkg, "output-pkg", a.OutputPkg, "Go import path of --output-dir")
	fs.StringVar(&a.GoHeaderFile, "go-header-file", a.GoHeaderFile, "license header for generated files (YEAR is replaced)")
	fs.StringSliceVar(&a.PluralExceptions, "plural-exceptions", a.PluralExceptions, "Kind:Plural pairs, e.g. Endpoints:Endpoints")
	fs.BoolVar(&a.VerifyOnly, "verify-only", a.VerifyOnly, "write nothing; fail listing the files that are out of date")
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
	exceptions, err := naming.ParsePluralExceptions(a.PluralExceptions)
	if err != nil {
		errs = append(errs, fmt.Errorf("--plural-exceptions: %w", err))
	}
	return exceptions, errors.Join(errs...)
}
