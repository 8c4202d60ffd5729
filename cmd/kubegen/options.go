package main

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	applyconfigurationgen "github.com/kubegen/kubegen/applyconfiguration-gen"
	clientgen "github.com/kubegen/kubegen/client-gen"
	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	informergen "github.com/kubegen/kubegen/informer-gen"
	"github.com/kubegen/kubegen/internal/apistubs"
	"github.com/kubegen/kubegen/internal/codegen"
	"github.com/kubegen/kubegen/internal/codegen/model"
	"github.com/kubegen/kubegen/internal/codegen/naming"
	"github.com/kubegen/kubegen/internal/codegen/output"
	listergen "github.com/kubegen/kubegen/lister-gen"
)

// generators kubegen knows, in the order they run.
var allGenerators = []string{"deepcopy", "applyconfiguration", "client", "lister", "informer"}

// options are kubegen's flags: the shared ones, and each generator's own.
type options struct {
	generators   []string
	goHeaderFile string
	verifyOnly   bool
	load         output.LoadOptions
	deepcopy     *deepcopygen.Args
	client       *clientgen.Args
	// listersDir and informersDir are where listers and informers go, relative to --output-dir
	// (and --output-pkg).
	listersDir   string
	informersDir string
	// applyConfigurationsDir is where apply configurations go, relative to --output-dir (and
	// --output-pkg); externalApplyConfigurations places those of types from other modules.
	applyConfigurationsDir      string
	externalApplyConfigurations []string
	// stubs cuts a release stub of the clientset's interfaces after generation.
	stubs apistubs.Flags
}

func newOptions() *options {
	return &options{
		generators:   allGenerators,
		deepcopy:     deepcopygen.DefaultArgs(),
		client:       clientgen.DefaultArgs(),
		listersDir:   "listers",
		informersDir: "informers",
		// kube_codegen.sh's directory for user projects (client-go's own tree is "applyconfigurations").
		applyConfigurationsDir: "applyconfiguration",
	}
}

func (o *options) addFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&o.generators, "generators", o.generators, "generators to run: deepcopy, applyconfiguration, client, lister, informer")
	fs.StringVar(&o.goHeaderFile, "go-header-file", "", "license header for generated files (YEAR is replaced)")
	fs.BoolVar(&o.verifyOnly, "verify-only", false, "write nothing; fail listing the files that are out of date")
	fs.StringSliceVar(&o.load.BuildTags, "build-tags", nil, "build tags to load the input packages with")
	o.stubs.AddFlags(fs)

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
	fs.BoolVar(&c.AllVersions, "clientset-all-versions", c.AllVersions, "client, informer: give the clientset and the informer factory every version of each group, as code-generator's (false: the preferred version only)")
	fs.StringVar(&c.OldestServer, codegen.OldestServerFlag, c.OldestServer, "client, informer: "+codegen.OldestServerUsage)
	fs.BoolVar(&c.Examples, "examples", c.Examples, "client: also write a runnable example_test.go into each typed package (with --fake-clientset)")
	fs.StringVar(&o.listersDir, "listers-dir", o.listersDir, "lister: directory of the listers, relative to --output-dir and --output-pkg")
	fs.StringVar(&o.informersDir, "informers-dir", o.informersDir, "informer: directory of the informers, relative to --output-dir and --output-pkg")
	fs.StringVar(&o.applyConfigurationsDir, "applyconfigurations-dir", o.applyConfigurationsDir, "applyconfiguration: directory of the apply configurations, relative to --output-dir and --output-pkg")
	fs.StringSliceVar(&o.externalApplyConfigurations, "external-applyconfigurations", o.externalApplyConfigurations,
		"applyconfiguration: apply configurations of types outside the inputs, <pkg>.<Type>:<applyconfig pkg> (meta/v1 and k8s.io/api have defaults)")
}

// validate checks the flags that need no package load.
func (o *options) validate() error {
	if err := o.stubs.Validate(); err != nil {
		return err
	}
	if err := codegen.ParseOldestServer(o.client.OldestServer); err != nil {
		return err
	}
	for _, g := range o.generators {
		if !slices.Contains(allGenerators, g) {
			return fmt.Errorf("unknown generator %q (known: %s)", g, strings.Join(allGenerators, ", "))
		}
	}
	return nil
}

// run loads the inputs once and runs every requested generator over that load.
func (o *options) run(patterns []string) ([]string, error) {
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

// jobs prepares each requested generator's work. The API model is built once for the generators
// that use it, so a bad tag is reported once. A generator with nothing to do (no deep-copy tags in
// a project whose deep copies come from controller-gen, no +genclient type, no listable kind) is
// skipped as long as another has work; every other error of every generator is reported together.
func (o *options) jobs(loaded *output.Loaded) ([]output.Job, error) {
	var jobs []output.Job
	var errs, idle []error
	add := func(name string, job output.Job, err error) {
		switch {
		case errors.Is(err, deepcopygen.ErrNothingToGenerate) || errors.Is(err, model.ErrNoClientTypes) ||
			errors.Is(err, codegen.ErrNothingToGenerate):
			klog.V(1).Infof("kubegen: %s has nothing to do: %v", name, err)
			idle = append(idle, fmt.Errorf("%s: %w", name, err))
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		default:
			jobs = append(jobs, job)
		}
	}
	if slices.Contains(o.generators, "deepcopy") {
		job, err := deepcopygen.Job(loaded, o.deepcopy)
		add("deepcopy-gen", job, err)
	}
	modelGens := slices.DeleteFunc(slices.Clone(o.generators), func(g string) bool { return g == "deepcopy" })
	if len(modelGens) > 0 {
		api, err := o.model(loaded)
		if err != nil {
			// one report for all the generators of the model
			add(strings.Join(toolNames(modelGens), ", "), output.Job{}, err)
		} else {
			o.modelJobs(loaded, api, add)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if len(jobs) == 0 {
		return nil, errors.Join(idle...)
	}
	return jobs, nil
}

// model builds the API model the client, lister and informer generators share.
func (o *options) model(loaded *output.Loaded) (*model.API, error) {
	exceptions, err := naming.ParsePluralExceptions(o.client.PluralExceptions)
	if err != nil {
		return nil, fmt.Errorf("--plural-exceptions: %w", err)
	}
	return codegen.BuildModel(loaded.Universe, loaded.Inputs, exceptions)
}

func (o *options) modelJobs(loaded *output.Loaded, api *model.API, add func(string, output.Job, error)) {
	if slices.Contains(o.generators, "applyconfiguration") {
		job, err := applyconfigurationgen.JobForModel(loaded, o.applyConfigurationArgs(), api)
		add("applyconfiguration-gen", job, err)
	}
	if slices.Contains(o.generators, "client") {
		job, err := clientgen.JobForModel(loaded, o.clientArgs(), api)
		add("client-gen", job, err)
	}
	if slices.Contains(o.generators, "lister") {
		job, err := listergen.JobForModel(loaded, o.listerArgs(), api)
		add("lister-gen", job, err)
	}
	if slices.Contains(o.generators, "informer") {
		job, err := informergen.JobForModel(loaded, o.informerArgs(), api)
		add("informer-gen", job, err)
	}
}

// toolNames are the command names of generators: "client" → "client-gen".
func toolNames(generators []string) []string {
	out := make([]string, len(generators))
	for i, g := range generators {
		out[i] = g + "-gen"
	}
	return out
}

// listerArgs are lister-gen's options, derived from the shared flags.
func (o *options) listerArgs() *listergen.Args {
	c := o.client
	return &listergen.Args{
		OutputDir:        filepath.Join(c.OutputDir, filepath.FromSlash(o.listersDir)),
		OutputPkg:        path.Join(c.OutputPkg, o.listersDir),
		GoHeaderFile:     o.goHeaderFile,
		PluralExceptions: c.PluralExceptions,
		VerifyOnly:       o.verifyOnly,
	}
}

// clientArgs are client-gen's options: when this run also writes apply configurations, the typed
// clients take them (client-gen's --apply-configuration-package, set for the user).
func (o *options) clientArgs() *clientgen.Args {
	c := *o.client
	if slices.Contains(o.generators, "applyconfiguration") && c.ApplyConfigurationPackage == "" {
		ac := o.applyConfigurationArgs()
		c.ApplyConfigurationPackage, c.ExternalApplyConfigurations = ac.OutputPkg, ac.ExternalApplyConfigurations
	}
	return &c
}

// applyConfigurationArgs are applyconfiguration-gen's options, derived from the shared flags.
func (o *options) applyConfigurationArgs() *applyconfigurationgen.Args {
	c := o.client
	return &applyconfigurationgen.Args{
		OutputDir:                   filepath.Join(c.OutputDir, filepath.FromSlash(o.applyConfigurationsDir)),
		OutputPkg:                   path.Join(c.OutputPkg, o.applyConfigurationsDir),
		GoHeaderFile:                o.goHeaderFile,
		ExternalApplyConfigurations: o.externalApplyConfigurations,
		PluralExceptions:            c.PluralExceptions,
		VerifyOnly:                  o.verifyOnly,
	}
}

// informerArgs are informer-gen's options, derived from the shared flags: the clientset and the
// listers are the ones this run writes (or wrote).
func (o *options) informerArgs() *informergen.Args {
	c := o.client
	return &informergen.Args{
		OutputDir:             filepath.Join(c.OutputDir, filepath.FromSlash(o.informersDir)),
		OutputPkg:             path.Join(c.OutputPkg, o.informersDir),
		VersionedClientsetPkg: path.Join(c.OutputPkg, c.ClientsetName),
		ListersPkg:            path.Join(c.OutputPkg, o.listersDir),
		GoHeaderFile:          o.goHeaderFile,
		PluralExceptions:      c.PluralExceptions,
		IncludeAlpha:          c.IncludeAlpha,
		AllVersions:           c.AllVersions,
		OldestServer:          c.OldestServer,
		VerifyOnly:            o.verifyOnly,
	}
}

// cutStubs cuts the release stub asked for with --interface-stubs, once the clientset is written.
func (o *options) cutStubs() (string, bool, error) {
	if o.verifyOnly || !slices.Contains(o.generators, "client") {
		return "", false, nil
	}
	return o.stubs.CutFor(filepath.Join(o.client.OutputDir, o.client.ClientsetName))
}
