// Command codegen compares generating every client artefact for all of k8s.io/api with kubegen (one
// command over one package load) and with code-generator (deepcopy-gen, applyconfiguration-gen,
// client-gen, lister-gen and informer-gen, one load each, as kube_codegen.sh runs them), side by
// side in one run: the CPU (user+system of each command and the go commands it starts) and wall
// time, median of -runs, the two sides alternating.
//
//	cd test/bench && go run ./cmd/codegen -runs 3
//
// Both work on one writable copy of the k8s.io/api module (deep copies are written next to the
// types) and write everything else under its out/ directory, removed before each run. The
// comparison is not equal work in one respect, reported in the table: kubegen also writes
// Extract<Kind> functions and the structured-merge-diff schema of the types, which code-generator's
// applyconfiguration-gen writes only when given an OpenAPI schema file (not given here, as CRD
// projects rarely have one).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kubegen/kubegen/test/bench/internal/measure"
)

var generators = []string{"deepcopy-gen", "applyconfiguration-gen", "client-gen", "lister-gen", "informer-gen"}

func main() {
	runs := flag.Int("runs", 3, "runs of each side (the median is shown)")
	keep := flag.Bool("keep", false, "keep the work directory")
	flag.Parse()
	work, err := os.MkdirTemp("", "kubegen-codegen-bench-")
	check(err)
	if !*keep {
		defer os.RemoveAll(work)
	} else {
		fmt.Println("work directory:", work)
	}
	bin := filepath.Join(work, "bin")
	check(build(bin))
	api, gvs, err := copyAPI(filepath.Join(work, "api"))
	check(err)
	header := filepath.Join(work, "header.txt")
	check(os.WriteFile(header, []byte("// header\n\n"), 0o644))

	sides := []struct {
		name string
		cmds [][]string
	}{
		{"kubegen (5 generators, 1 load)", kubegenCommands(bin, header, gvs)},
		{"code-generator (5 commands, 5 loads)", codeGeneratorCommands(bin, header, gvs)},
	}
	results := make([][]sample, len(sides))
	for r := 0; r < *runs+1; r++ { // the first round warms the build and file caches and is not counted
		for i, s := range sides {
			res, err := runSide(api, s.cmds)
			check(err)
			if r > 0 {
				results[i] = append(results[i], res)
			}
		}
	}
	fmt.Printf("all of k8s.io/api (%d group-versions): deep copies, apply configurations, clientset with fakes, listers, informers; median of %d runs\n", len(gvs), *runs)
	fmt.Printf("%-40s %10s %10s %10s\n", "", "CPU", "wall", "files")
	med := make([]sample, len(sides))
	for i, s := range sides {
		med[i] = median(results[i])
		fmt.Printf("%-40s %9.2fs %9.2fs %10d\n", s.name, med[i].cpu.Seconds(), med[i].wall.Seconds(), med[i].files)
	}
	fmt.Printf("%-40s %9.2fx %9.2fx\n", "kubegen / code-generator", med[0].cpu.Seconds()/med[1].cpu.Seconds(), med[0].wall.Seconds()/med[1].wall.Seconds())
	fmt.Println("(kubegen also writes Extract functions and the apply schema; code-generator does only with --openapi-schema)")
}

// build compiles kubegen and code-generator's five commands (the versions test/bench's go.mod pins) into bin.
func build(bin string) error {
	pkgs := []string{"github.com/kubegen/kubegen/cmd/kubegen"}
	for _, g := range generators {
		pkgs = append(pkgs, "k8s.io/code-generator/cmd/"+g)
	}
	cmd := exec.Command("go", append([]string{"build", "-o", bin + "/"}, pkgs...)...)
	cmd.Stderr = os.Stderr
	return cmd.Run()
}

// copyAPI copies the k8s.io/api module test/bench depends on to dir and returns dir and the API's
// group-versions ("apps/v1", "core/v1", ...): the directories holding a register.go.
func copyAPI(dir string) (string, []string, error) {
	out, err := exec.Command("go", "list", "-m", "-json", "k8s.io/api").Output()
	if err != nil {
		return "", nil, fmt.Errorf("go list -m k8s.io/api: %w", err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil {
		return "", nil, err
	}
	if err := os.CopyFS(dir, os.DirFS(m.Dir)); err != nil {
		return "", nil, err
	}
	var gvs []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "register.go" {
			return err
		}
		rel, err := filepath.Rel(dir, filepath.Dir(p))
		if err == nil && strings.Count(rel, "/") == 1 {
			gvs = append(gvs, filepath.ToSlash(rel))
		}
		return err
	})
	sort.Strings(gvs)
	if len(gvs) == 0 {
		return "", nil, fmt.Errorf("no API group-versions in %s", dir)
	}
	return dir, gvs, err
}

func pkgs(gvs []string) []string {
	var out []string
	for _, gv := range gvs {
		out = append(out, "k8s.io/api/"+gv)
	}
	return out
}

func kubegenCommands(bin, header string, gvs []string) [][]string {
	cmd := []string{filepath.Join(bin, "kubegen"), "--go-header-file", header,
		"--output-dir", "out", "--output-pkg", "k8s.io/api/out", "--clientset-name", "versioned",
		"--applyconfigurations-dir", "applyconfigurations", "--prefers-protobuf", "--examples=false"}
	return [][]string{append(cmd, pkgs(gvs)...)}
}

func codeGeneratorCommands(bin, header string, gvs []string) [][]string {
	g := func(name string, args ...string) []string {
		return append([]string{filepath.Join(bin, name), "--go-header-file", header}, args...)
	}
	client := g("client-gen", "--output-dir", "out", "--output-pkg", "k8s.io/api/out", "--clientset-name", "versioned",
		"--apply-configuration-package", "k8s.io/api/out/applyconfigurations", "--prefers-protobuf", "--input-base", "k8s.io/api")
	for _, gv := range gvs {
		client = append(client, "--input", gv)
	}
	return [][]string{
		append(g("deepcopy-gen", "--output-file", "zz_generated.deepcopy.go"), pkgs(gvs)...),
		append(g("applyconfiguration-gen", "--output-dir", "out/applyconfigurations", "--output-pkg", "k8s.io/api/out/applyconfigurations"), pkgs(gvs)...),
		client,
		append(g("lister-gen", "--output-dir", "out/listers", "--output-pkg", "k8s.io/api/out/listers"), pkgs(gvs)...),
		append(g("informer-gen", "--output-dir", "out/informers", "--output-pkg", "k8s.io/api/out/informers",
			"--versioned-clientset-package", "k8s.io/api/out/versioned", "--listers-package", "k8s.io/api/out/listers"), pkgs(gvs)...),
	}
}

// sample is the cost of one side's run.
type sample struct {
	cpu, wall time.Duration
	files     int // Go files under out/ after the run
}

// runSide removes api/out and runs the commands one after another in api, adding up their CPU.
func runSide(api string, cmds [][]string) (sample, error) {
	if err := os.RemoveAll(filepath.Join(api, "out")); err != nil {
		return sample{}, err
	}
	var s sample
	start := time.Now()
	for _, c := range cmds {
		cmd := exec.Command(c[0], c[1:]...)
		cmd.Dir = api
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			return sample{}, fmt.Errorf("%s: %v\n%s", filepath.Base(c[0]), err, out)
		}
		s.cpu += measure.CPU(cmd.ProcessState)
	}
	s.wall = time.Since(start)
	err := filepath.WalkDir(filepath.Join(api, "out"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".go") {
			s.files++
		}
		return err
	})
	return s, err
}

func median(ss []sample) sample {
	cpu := make([]time.Duration, len(ss))
	wall := make([]time.Duration, len(ss))
	for i, s := range ss {
		cpu[i], wall[i] = s.cpu, s.wall
	}
	return sample{cpu: measure.Median(cpu), wall: measure.Median(wall), files: ss[0].files}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "codegen:", err)
		os.Exit(1)
	}
}
