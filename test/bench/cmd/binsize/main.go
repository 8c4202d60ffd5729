// Command binsize compares the size and the cold build CPU of the same small program written three
// ways: listing the pods of every namespace with kubegen's blessed clientset
// (kubernetes.NewForConfig, then CoreV1().Pods("").List), with client-go v0.37.1's clientset, and
// with kubegen's core/v1 typed package alone (see internal/binsize). The programs are under testdata/.
//
//	go run ./cmd/binsize [-cold 1]
//
// Every build is `go build -trimpath -ldflags='-s -w'`. The size is that of the stripped binary. The
// cold build CPU is that of a build with a fresh, empty GOCACHE; -cold sets how many such builds each
// program gets (0: none), the programs taking turns, and the table shows medians. A cold build takes
// minutes of CPU. cmd/informers -binsize puts the same figures in its table.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"

	"github.com/kubegen/kubegen/test/bench/internal/binsize"
)

func main() {
	cold := flag.Int("cold", 1, "cold builds of each program (fresh GOCACHE each); 0 measures sizes only")
	flag.Parse()
	rs, err := binsize.Measure(*cold)
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
}
