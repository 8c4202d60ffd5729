package main

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	clientgen "github.com/kubegen/kubegen/client-gen"
	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// generators kubegen knows, in the order they run.
var allGenerators = []string{"deepcopy", "client"}

// options are kubegen's flags: the shared ones, and each generator's own.
type options struct {
	generators   []string
	goHeaderFile string
	verifyOnly   bool
	load         output.LoadOptions
	deepcopy     *deepcopygen.Args
	client       *clientgen.Args
}

func newOptions() *options {
	return &options{
		generators: allGenerators,
		deepcopy:   deepcopygen.DefaultArgs(),
		client:     clientgen.DefaultArgs(),
	}
}

func (o *options) addFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&o.generators, "generators", o.generators, "generators to run: deepcopy, client")
	fs.StringVar(&o.goHeaderFile, "go-header-file", "", "license header for generated files (YEAR is replaced)")
	fs.BoolVar(&o.verifyOnly, "verify-only", false, "write nothing; fail listing the files that are out of date")
	fs.StringSliceVar(&o.load.BuildTags, "build-tags", nil, "build tags to load the input packages with")

	d := o.deepcopy
	fs.StringVar(&d.OutputFile, "deepcopy-output-file", d.OutputFile, "deepcopy: file written into each input package")
	fs.StringSliceVar(&d.BoundingDirs, "bounding-dirs", d.BoundingDirs, "deepcopy: import path prefixes of packages whose types are assumed to have DeepCopyInto")

	c := o.client
	fs.StringVar(&c.OutputDir, "output-dir", c.OutputDir, "client: directory of --output-pkg; the clientset goes to <output-dir>/<clientset-name>")
	fs.StringVar(&c.OutputPkg, "output-pkg", c.OutputPkg, "client: Go import path of --output-dir")
	fs.StringVar(&c.ClientsetName, "clientset-name", c.ClientsetName, "client: name of the clientset package")
	fs.StringSliceVar(&c.PluralExceptions, "plural-exceptions", c.PluralExceptions, "client: Kind:Plural pairs, e.g. Endpoints:Endpoints")
	fs.BoolVar(&c.PrefersProtobuf, "prefers-protobuf", c.PrefersProtobuf, "client: typed clients default to protobuf (built-in types)")
	fs.BoolVar(&c.FakeClientset, "fake-clientset", c.FakeClientset, "client: also write fake typed clients and a fake clientset")
	fs.BoolVar(&c.IncludeAlpha, "clientset-include-alpha", c.IncludeAlpha, "client: put alpha-only groups in the clientset")
}

// run loads the inputs once and runs every requested generator over that load.
func (o *options) run(patterns []string) ([]string, error) {
	for _, g := range o.generators {
		if !slices.Contains(allGenerators, g) {
			return nil, fmt.Errorf("unknown generator %q (known: deepcopy, client)", g)
		}
	}
	o.deepcopy.GoHeaderFile, o.client.GoHeaderFile = o.goHeaderFile, o.goHeaderFile
	o.deepcopy.VerifyOnly, o.client.VerifyOnly = o.verifyOnly, o.verifyOnly
	start := time.Now()
	loaded, err := output.Load(patterns, o.load)
	if err != nil {
		return nil, err
	}
	klog.V(1).Infof("kubegen: loaded %d package(s) in %v", len(loaded.Inputs), time.Since(start))
	jobs, err := o.jobs(loaded)
	if err != nil {
		return nil, err
	}
	return output.Run(o.verifyOnly, jobs...)
}

// jobs prepares each requested generator's work; every generator's errors are reported together.
func (o *options) jobs(loaded *output.Loaded) ([]output.Job, error) {
	var jobs []output.Job
	var errs []error
	add := func(name string, job output.Job, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			return
		}
		jobs = append(jobs, job)
	}
	if slices.Contains(o.generators, "deepcopy") {
		job, err := deepcopygen.Job(loaded, o.deepcopy)
		add("deepcopy-gen", job, err)
	}
	if slices.Contains(o.generators, "client") {
		job, err := clientgen.Job(loaded, o.client)
		add("client-gen", job, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return jobs, nil
}
