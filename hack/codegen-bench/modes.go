package main

import (
	"errors"
	"fmt"

	"golang.org/x/tools/go/packages"

	applyconfigurationgen "github.com/kubegen/kubegen/applyconfiguration-gen"
	clientgen "github.com/kubegen/kubegen/client-gen"
	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	informergen "github.com/kubegen/kubegen/informer-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
	listergen "github.com/kubegen/kubegen/lister-gen"
)

func runMode(mode string, patterns []string) error {
	switch mode {
	case "load":
		return plainLoad(patterns)
	case "kubegen":
		return generate(patterns, true, true)
	case "everything":
		return generate(patterns, true, true, everything...)
	case "deepcopy":
		return generate(patterns, true, false)
	case "client":
		return generate(patterns, false, true)
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// plainLoad is one go/packages load with what a generator needs: syntax and types of the inputs
// and their dependencies (the mode gengo's parser uses).
func plainLoad(patterns []string) error {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports |
		packages.NeedDeps | packages.NeedModule | packages.NeedTypes | packages.NeedSyntax}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return err
	}
	if len(pkgs) == 0 {
		return errors.New("no packages loaded")
	}
	return nil
}

// generate is what cmd/kubegen does for deepcopy and/or client, minus writing: one load, the
// generators' jobs, every file generated and gofmt'ed in memory. With one generator it is what the
// separate command (deepcopy-gen or client-gen) does.
func generate(patterns []string, deepcopy, client bool, more ...func(*output.Loaded) (output.Job, error)) error {
	loaded, err := output.Load(patterns, output.LoadOptions{})
	if err != nil {
		return err
	}
	var jobs []output.Job
	if deepcopy {
		dc, err := deepcopygen.Job(loaded, deepcopygen.DefaultArgs())
		if err != nil {
			return fmt.Errorf("deepcopy-gen: %w", err)
		}
		jobs = append(jobs, dc)
	}
	if client {
		ca := clientgen.DefaultArgs()
		ca.OutputDir, ca.OutputPkg, ca.ClientsetName = "/nonexistent/kubegen-bench", "example.com/bench", "kubernetes"
		ca.PrefersProtobuf, ca.IncludeAlpha = true, false
		cj, err := clientgen.Job(loaded, ca)
		if err != nil {
			return fmt.Errorf("client-gen: %w", err)
		}
		jobs = append(jobs, cj)
	}
	for _, job := range more {
		j, err := job(loaded)
		if err != nil {
			return err
		}
		jobs = append(jobs, j)
	}
	files, err := output.Generate(jobs...)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return errors.New("nothing generated")
	}
	return nil
}

// everything adds to deepcopy and client the other generators kubegen runs by default: apply
// configurations, listers and informers, as hack/update-codegen.sh runs them for the blessed clientset.
var everything = []func(*output.Loaded) (output.Job, error){
	func(l *output.Loaded) (output.Job, error) {
		return applyconfigurationgen.Job(l, &applyconfigurationgen.Args{
			OutputDir: "/nonexistent/kubegen-bench/applyconfigurations", OutputPkg: "example.com/bench/applyconfigurations"})
	},
	func(l *output.Loaded) (output.Job, error) {
		return listergen.Job(l, &listergen.Args{OutputDir: "/nonexistent/kubegen-bench/listers", OutputPkg: "example.com/bench/listers"})
	},
	func(l *output.Loaded) (output.Job, error) {
		return informergen.Job(l, &informergen.Args{OutputDir: "/nonexistent/kubegen-bench/informers", OutputPkg: "example.com/bench/informers",
			VersionedClientsetPkg: "example.com/bench/kubernetes", ListersPkg: "example.com/bench/listers"})
	},
}
