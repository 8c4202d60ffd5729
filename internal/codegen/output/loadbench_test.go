//go:build golden

package output_test

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	clientgen "github.com/kubegen/kubegen/client-gen"
	deepcopygen "github.com/kubegen/kubegen/deepcopy-gen"
	"github.com/kubegen/kubegen/internal/codegen/output"
)

// cpuTime is the CPU time (user+system) used so far by this process and its waited-for children
// (the go list processes go/packages runs).
func cpuTime() time.Duration {
	var self, children syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	return time.Duration(self.Utime.Nano() + self.Stime.Nano() + children.Utime.Nano() + children.Stime.Nano())
}

func cpuOf(b *testing.B, f func() error) time.Duration {
	runtime.GC()
	start := cpuTime()
	if err := f(); err != nil {
		b.Fatal(err)
	}
	return cpuTime() - start
}

// bareLoad is one go/packages load of k8s.io/api with the mode gengo's parser uses (syntax and
// types of the whole closure, type-checked from source): the yardstick of the speed requirement.
func bareLoad() error {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports |
		packages.NeedDeps | packages.NeedModule | packages.NeedTypes | packages.NeedSyntax}
	pkgs, err := packages.Load(cfg, "k8s.io/api/...")
	if err == nil && len(pkgs) < 50 {
		err = fmt.Errorf("loaded only %d packages", len(pkgs))
	}
	return err
}

// kubegenRun is what kubegen does for deepcopy + client over all of k8s.io/api: one load, both
// generators' targets, every file assembled and gofmt'ed (writing them is left out: deepcopy's
// output would land in the read-only module cache).
func kubegenRun(outDir string) func() error {
	return func() error {
		loaded, err := output.Load([]string{"k8s.io/api/..."}, output.LoadOptions{})
		if err != nil {
			return err
		}
		deepcopy, err := deepcopygen.Job(loaded, deepcopygen.DefaultArgs())
		if err != nil {
			return err
		}
		client, err := clientgen.Job(loaded, &clientgen.Args{
			OutputDir: outDir, OutputPkg: "example.com/generated", ClientsetName: "kubernetes",
			PrefersProtobuf: true, FakeClientset: true,
		})
		if err != nil {
			return err
		}
		files, err := output.Generate(deepcopy, client)
		if err == nil && len(files) < 100 {
			err = fmt.Errorf("generated only %d files", len(files))
		}
		return err
	}
}

// BenchmarkKubegenVsOneLoad prints, side by side, the CPU seconds of one bare go/packages load of
// all of k8s.io/api and of kubegen generating deepcopy + clients for it (load included). The
// requirement is kubegen ≤ 1.3× the bare load.
//
//	go test -run '^$' -bench KubegenVsOneLoad -benchtime 3x ./internal/codegen/output/
func BenchmarkKubegenVsOneLoad(b *testing.B) {
	outDir := b.TempDir()
	var bare, gen time.Duration
	for i := 0; i < b.N; i++ {
		bare += cpuOf(b, bareLoad)
		gen += cpuOf(b, kubegenRun(outDir))
	}
	n := float64(b.N)
	b.ReportMetric(bare.Seconds()/n, "bare-load-cpu-s")
	b.ReportMetric(gen.Seconds()/n, "kubegen-cpu-s")
	b.ReportMetric(gen.Seconds()/bare.Seconds(), "ratio")
	b.Logf("k8s.io/api: bare go/packages load %.2f CPU s, kubegen deepcopy+client %.2f CPU s, ratio %.2f",
		bare.Seconds()/n, gen.Seconds()/n, gen.Seconds()/bare.Seconds())
}

// BenchmarkLoad measures Load alone (one load of all of k8s.io/api into a gengo universe).
func BenchmarkLoad(b *testing.B) {
	var total time.Duration
	for i := 0; i < b.N; i++ {
		total += cpuOf(b, func() error {
			_, err := output.Load([]string{"k8s.io/api/..."}, output.LoadOptions{})
			return err
		})
	}
	b.ReportMetric(total.Seconds()/float64(b.N), "cpu-s")
}
