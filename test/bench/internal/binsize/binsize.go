// Package binsize measures the size and the cold build CPU of the same small program written three
// ways: listing the pods of every namespace with kubegen's blessed clientset
// (kubernetes.NewForConfig, then CoreV1().Pods("").List), with client-go v0.37.1's clientset, and
// with kubegen's core/v1 typed package alone. Each loads its configuration from $KUBECONFIG the
// library's way. The programs are under cmd/binsize/testdata/; Measure runs from test/bench.
//
// Every build is `go build -trimpath -ldflags='-s -w'`. The size is that of the stripped binary. The
// cold build CPU is the user+system CPU of the go command and every compiler and linker it runs,
// building with a fresh, empty GOCACHE (the module cache stays, so nothing is downloaded). A cold
// build compiles the whole dependency graph, the standard library included: it takes minutes of
// CPU, and each fresh cache takes hundreds of MB of disk until it is removed.
package binsize

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/kubegen/kubegen/test/bench/internal/measure"
)

// Program is one of the compared programs: its row name and its package, relative to test/bench.
type Program struct {
	Name, Pkg string
}

// Programs are the compared programs; the first two are compared with client-go's.
var Programs = []Program{
	{"kubegen clientset", "./cmd/binsize/testdata/kubegen"},
	{"kubegen core/v1 only", "./cmd/binsize/testdata/corev1"},
	{"client-go clientset", "./cmd/binsize/testdata/clientgo"},
}

// ClientGo is the index of client-go's program in Programs.
const ClientGo = 2

// Result is what Measure found for one program.
type Result struct {
	Program
	Size    int64         // bytes of the stripped binary
	ColdCPU time.Duration // median CPU of the cold builds, 0 when there were none
	// Breakdown splits the CPU of the program's first cold build by category and package (with
	// Options.Breakdown only).
	Breakdown *Breakdown
}

// Options tune Run.
type Options struct {
	// Cold is how many cold builds each program gets (0: sizes only).
	Cold int
	// Breakdown runs the cold builds with -toolexec pointing at Executable, which must call
	// Toolexec when $BINSIZE_TOOLEXEC_LOG is set (cmd/binsize does), and records per tool
	// invocation the package and its CPU. The recorder's own CPU is taken out of ColdCPU.
	Breakdown bool
	// Executable is the -toolexec program; empty: this program (os.Executable).
	Executable string
}

// Measure builds each program once for its size, then cold times each (fresh GOCACHE each), the
// programs taking turns; results are in the order of Programs.
func Measure(cold int) ([]Result, error) { return Run(Options{Cold: cold}) }

// Run is Measure with options.
func Run(o Options) ([]Result, error) {
	cold := o.Cold
	toolexec := ""
	if o.Breakdown {
		toolexec = o.Executable
		if toolexec == "" {
			exe, err := os.Executable()
			if err != nil {
				return nil, err
			}
			toolexec = exe
		}
	}
	dir, err := os.MkdirTemp("", "binsize-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	rs := make([]Result, len(Programs))
	for i, p := range Programs {
		rs[i].Program = p
		out := filepath.Join(dir, fmt.Sprintf("prog%d", i))
		if _, err := build(p.Pkg, out, "", "", ""); err != nil {
			return nil, err
		}
		fi, err := os.Stat(out)
		if err != nil {
			return nil, err
		}
		rs[i].Size = fi.Size()
	}

	cpu := make([][]time.Duration, len(Programs))
	for r := 0; r < cold; r++ {
		for j := range Programs {
			i := (j + r) % len(Programs) // each run starts with another program
			cache := filepath.Join(dir, "gocache")
			log := ""
			if toolexec != "" {
				log = filepath.Join(dir, "toolexec.log")
			}
			d, err := build(Programs[i].Pkg, filepath.Join(dir, "cold"), cache, toolexec, log)
			if rerr := os.RemoveAll(cache); err == nil {
				err = rerr
			}
			if err == nil && log != "" {
				var b *Breakdown
				if b, err = readLog(log, d); err == nil {
					d = b.Build()
					if rs[i].Breakdown == nil {
						rs[i].Breakdown = b
					}
				}
			}
			if err != nil {
				return nil, err
			}
			cpu[i] = append(cpu[i], d)
		}
	}
	for i := range rs {
		rs[i].ColdCPU = measure.Median(cpu[i])
	}
	return rs, nil
}

// build builds pkg into out and returns the user+system CPU of the go command and of the processes
// it waited for (compilers, linker). With cache set it builds with that (new) GOCACHE; with
// toolexec set, it runs the tools through that program, which logs to log.
func build(pkg, out, cache, toolexec, log string) (time.Duration, error) {
	args := []string{"build", "-trimpath", "-ldflags=-s -w", "-o", out}
	env := os.Environ()
	if toolexec != "" {
		args = append(args, "-toolexec="+toolexec)
		env = append(env, ToolexecEnv+"="+log)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = env
	if cache != "" {
		cmd.Env = append(cmd.Env, "GOCACHE="+cache)
	}
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("go build %s: %w", pkg, err)
	}
	return measure.CPU(cmd.ProcessState), nil
}

// readLog reads and removes the toolexec log of a build whose CPU was total.
func readLog(path string, total time.Duration) (*Breakdown, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer os.Remove(path)
	defer f.Close()
	return ParseLog(f, total)
}
