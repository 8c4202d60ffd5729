package deepcopygen

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// Args are deepcopy-gen's settings.
type Args struct {
	// OutputFile is the name of the file written into each package (a file name, not a path).
	OutputFile string
	// GoHeaderFile is the license boilerplate put on top of each file ("" for none); YEAR in it
	// becomes the current year.
	GoHeaderFile string
	// BoundingDirs are import path prefixes of packages outside this run whose types are trusted
	// to get (or have) generated DeepCopyInto methods, e.g. when packages are generated one at a
	// time. Default: none; types outside the run must already have their methods.
	BoundingDirs []string
	// VerifyOnly writes nothing and fails when a file is stale or missing.
	VerifyOnly bool
}

// DefaultArgs returns Args with the default output file name.
func DefaultArgs() *Args {
	return &Args{OutputFile: "zz_generated.deepcopy.go"}
}

// AddFlags registers deepcopy-gen's flags on fs.
func (a *Args) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&a.OutputFile, "output-file", a.OutputFile, "name of the file written into each input package")
	fs.StringVar(&a.GoHeaderFile, "go-header-file", a.GoHeaderFile, "license header put on top of generated files; YEAR is replaced by the current year")
	fs.StringSliceVar(&a.BoundingDirs, "bounding-dirs", a.BoundingDirs, "import path prefixes of packages (beyond the inputs) whose types are assumed to have generated DeepCopyInto methods")
	fs.BoolVar(&a.VerifyOnly, "verify-only", a.VerifyOnly, "write nothing; fail listing every stale or missing file")
}

// Validate checks the settings.
func (a *Args) Validate() error {
	if a.OutputFile == "" {
		return fmt.Errorf("--output-file must not be empty")
	}
	if strings.ContainsAny(a.OutputFile, `/\`) || !strings.HasSuffix(a.OutputFile, ".go") {
		return fmt.Errorf("--output-file %q must be a .go file name without a directory", a.OutputFile)
	}
	return nil
}
