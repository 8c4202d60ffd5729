// Command binsize compares the size and the cold build CPU of the same small program written three
// ways: listing the pods of every namespace with kubegen's blessed clientset
// (kubernetes.NewForConfig, then CoreV1().Pods("").List), with client-go v0.37.1's clientset, and
// with kubegen's core/v1 typed package alone (see internal/binsize). The programs are under testdata/.
//
//	go run ./cmd/binsize [-cold 1] [-breakdown]
//
// Every build is `go build -trimpath -ldflags='-s -w'`. The size is that of the stripped binary. The
// cold build CPU is that of a build with a fresh, empty GOCACHE; -cold sets how many such builds each
// program gets (0: none), the programs taking turns, and the table shows medians. A cold build takes
// minutes of CPU. cmd/informers -binsize puts the same figures in its table.
//
// -breakdown runs the cold builds with -toolexec pointing at this program, which records the CPU of
// every compile, asm, cgo and link invocation, and prints each program's first cold build split by
// category (standard library, k8s.io/api, apimachinery, typed clients, apply configurations, the
// library's runtime, other third-party, link) and the go command's own CPU (the build minus its
// tools), then the packages that took the most. The recorder's own CPU is left out of every figure.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/kubegen/kubegen/test/bench/internal/binsize"
)

func main() {
	if os.Getenv(binsize.ToolexecEnv) != "" {
		os.Exit(binsize.Toolexec(os.Args[1:]))
	}
	cold := flag.Int("cold", 1, "cold builds of each program (fresh GOCACHE each); 0 measures sizes only")
	breakdown := flag.Bool("breakdown", false, "split the CPU of each program's first cold build by package category (needs -cold > 0)")
	top := flag.Int("top", 10, "with -breakdown: how many of the costliest packages to list per program")
	flag.Parse()
	if *breakdown && *cold < 1 {
		fmt.Fprintln(os.Stderr, "binsize: -breakdown needs -cold 1 or more")
		os.Exit(2)
	}
	rs, err := binsize.Run(binsize.Options{Cold: *cold, Breakdown: *breakdown})
	if err != nil {
		fmt.Fprintln(os.Stderr, "binsize:", err)
		os.Exit(1)
	}
	fmt.Printf("list-pods program, go build -trimpath -ldflags='-s -w', %s, %s/%s, %d CPU, %d cold build(s) each, median\n\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), *cold)
	fmt.Printf("%-22s %12s %7s %16s %7s\n", "program", "stripped MB", "×cg", "cold build CPU", "×cg")
	cg := rs[binsize.ClientGo]
	for _, r := range rs {
		c, ratio := "-", "-"
		if r.ColdCPU > 0 {
			c = fmt.Sprintf("%.1f s", r.ColdCPU.Seconds())
			ratio = fmt.Sprintf("%.2f", r.ColdCPU.Seconds()/cg.ColdCPU.Seconds())
		}
		fmt.Printf("%-22s %12.2f %7.2f %16s %7s\n", r.Name, float64(r.Size)/1e6, float64(r.Size)/float64(cg.Size), c, ratio)
	}
	if *breakdown {
		printBreakdown(rs, *top)
	}
}

// printBreakdown prints the CPU of each program's first cold build by category, side by side, then
// each program's costliest packages.
func printBreakdown(rs []binsize.Result, top int) {
	secs := func(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()) }
	fmt.Printf("\ncold build CPU by category (s), first cold build of each program; recorder overhead left out\n\n")
	fmt.Printf("%-24s", "category")
	for _, r := range rs {
		fmt.Printf(" %22s", r.Name)
	}
	fmt.Println()
	row := func(name string, f func(*binsize.Breakdown) time.Duration) {
		fmt.Printf("%-24s", name)
		for _, r := range rs {
			fmt.Printf(" %22s", secs(f(r.Breakdown)))
		}
		fmt.Println()
	}
	for _, c := range binsize.Categories {
		row(string(c), func(b *binsize.Breakdown) time.Duration { return b.ByCat[c] })
	}
	row("go command (build-tools)", (*binsize.Breakdown).GoCommand)
	row("build (= cold build CPU)", (*binsize.Breakdown).Build)
	row("(recorder, left out)", func(b *binsize.Breakdown) time.Duration { return b.Toolexec })
	for _, r := range rs {
		fmt.Printf("\ntop %d packages, %s (compile+asm+cgo CPU, s)\n", top, r.Name)
		for _, p := range r.Breakdown.Top(top) {
			fmt.Printf("  %8s  %s\n", secs(p.CPU), p.Pkg)
		}
	}
}
