// Command binsize compares the size and the cold build CPU of the same small program written three
// ways: listing the pods of every namespace with kubegen's blessed clientset
// (kubernetes.NewForConfig, then CoreV1().Pods("").List), with client-go v0.37.1's clientset, and
// with kubegen's core/v1 typed package alone. Each loads its configuration from $KUBECONFIG the
// library's way. The programs are under testdata/.
//
//	go run ./cmd/binsize [-cold 1]
//
// Every build is `go build -trimpath -ldflags='-s -w'`. The size is that of the stripped binary. The
// cold build CPU is the user+system CPU of the go command and every compiler and linker it runs,
// building with a fresh, empty GOCACHE (the module cache stays, so nothing is downloaded); -cold
// sets how many such builds each program gets (0: none), the programs taking turns, and the table
// shows medians. A cold build compiles the whole dependency graph, the standard library included: it
// takes minutes of CPU, and each fresh cache takes hundreds of MB of disk until it is removed.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/kubegen/kubegen/test/bench/internal/measure"
)

// program is one of the compared programs: its package under testdata and its row name.
type program struct {
	name, pkg string
}

// programs are the rows of the table; the first two are compared with client-go.
var programs = []program{
	{"kubegen clientset", "./cmd/binsize/testdata/kubegen"},
	{"kubegen core/v1 only", "./cmd/binsize/testdata/corev1"},
	{"client-go clientset", "./cmd/binsize/testdata/clientgo"},
}

const clientGo = 2 // index of client-go's program in programs

func main() {
	cold := flag.Int("cold", 1, "cold builds of each program (fresh GOCACHE each); 0 measures sizes only")
	flag.Parse()
	if err := run(*cold); err != nil {
		fmt.Fprintln(os.Stderr, "binsize:", err)
		os.Exit(1)
	}
}

func run(cold int) error {
	dir, err := os.MkdirTemp("", "binsize-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	sizes := make([]int64, len(programs))
	for i, p := range programs {
		out := filepath.Join(dir, fmt.Sprintf("prog%d", i))
		if _, err := build(p.pkg, out, ""); err != nil {
			return err
		}
		fi, err := os.Stat(out)
		if err != nil {
			return err
		}
		sizes[i] = fi.Size()
	}

	cpu := make([][]time.Duration, len(programs))
	for r := 0; r < cold; r++ {
		for j := range programs {
			i := (j + r) % len(programs) // each run starts with another program
			cache := filepath.Join(dir, "gocache")
			d, err := build(programs[i].pkg, filepath.Join(dir, "cold"), cache)
			if rerr := os.RemoveAll(cache); err == nil {
				err = rerr
			}
			if err != nil {
				return err
			}
			cpu[i] = append(cpu[i], d)
		}
	}

	fmt.Printf("list-pods program, go build -trimpath -ldflags='-s -w', %s, %s/%s, %d CPU, %d cold build(s) each, median\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cold)
	fmt.Printf("%-22s %12s %7s %16s %7s\n", "program", "stripped MB", "×cg", "cold build CPU", "×cg")
	cgCPU := measure.Median(cpu[clientGo])
	for i, p := range programs {
		c, ratio := "-", "-"
		if m := measure.Median(cpu[i]); m > 0 {
			c = fmt.Sprintf("%.1f s", m.Seconds())
			ratio = fmt.Sprintf("%.2f", m.Seconds()/cgCPU.Seconds())
		}
		fmt.Printf("%-22s %12.2f %7.2f %16s %7s\n", p.name, float64(sizes[i])/1e6,
			float64(sizes[i])/float64(sizes[clientGo]), c, ratio)
	}
	return nil
}

// build builds pkg into out and returns the user+system CPU of the go command and of the processes
// it waited for (compilers, linker). With cache set it builds with that (new) GOCACHE.
func build(pkg, out, cache string) (time.Duration, error) {
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Env = os.Environ()
	if cache != "" {
		cmd.Env = append(cmd.Env, "GOCACHE="+cache)
	}
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("go build %s: %w", pkg, err)
	}
	return measure.CPU(cmd.ProcessState), nil
}
