// Command codegen-bench measures what kubegen costs against the floor every Go code generator
// pays: one go/packages load (with syntax and types) of its inputs. It runs each in a child
// process several times, alternating, and prints the CPU time (user+system, the go command's own
// children included) of each side by side with their ratio.
//
//	go run ./hack/codegen-bench                 # all of k8s.io/api, 3 rounds
//	go run ./hack/codegen-bench -rounds 5 ./apis/...
//
// kubegen here means deepcopy-gen and client-gen over one shared load, generated in memory and
// formatted, not written (k8s.io/api lives in the read-only module cache); "separate" is the same
// two generators run as separate commands, each loading the packages itself.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 3, "runs of each side")
	mode := flag.String("mode", "", "internal: run one side in this process (load or kubegen)")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"k8s.io/api/..."}
	}
	if *mode != "" {
		if err := runMode(*mode, patterns); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := compare(*rounds, patterns); err != nil {
		fmt.Fprintln(os.Stderr, "codegen-bench:", err)
		os.Exit(1)
	}
}

// sample is the cost of one child run.
type sample struct{ cpu, wall time.Duration }

func compare(rounds int, patterns []string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	results := map[string][]sample{}
	sides := []string{"load", "kubegen", "everything", "deepcopy", "client"}
	for r := 0; r < rounds; r++ {
		for _, side := range sides {
			s, err := child(self, side, patterns)
			if err != nil {
				return err
			}
			results[side] = append(results[side], s)
		}
	}
	fmt.Printf("inputs: %v, %d rounds, median of each\n", patterns, rounds)
	fmt.Printf("%-44s %10s %10s\n", "", "CPU", "wall")
	load, kube := median(results["load"]), median(results["kubegen"])
	fmt.Printf("%-44s %10.2fs %9.2fs\n", "one go/packages load (syntax+types)", load.cpu.Seconds(), load.wall.Seconds())
	fmt.Printf("%-44s %10.2fs %9.2fs\n", "kubegen deepcopy+client (one load)", kube.cpu.Seconds(), kube.wall.Seconds())
	all := median(results["everything"])
	fmt.Printf("%-44s %10.2fs %9.2fs\n", "kubegen +applyconfig+lister+informer", all.cpu.Seconds(), all.wall.Seconds())
	dc, cg := median(results["deepcopy"]), median(results["client"])
	fmt.Printf("%-44s %10.2fs %9.2fs\n", "separate: deepcopy-gen + client-gen (2 loads)", (dc.cpu + cg.cpu).Seconds(), (dc.wall + cg.wall).Seconds())
	fmt.Printf("%-44s %10.2fx\n", "kubegen / load (CPU)", kube.cpu.Seconds()/load.cpu.Seconds())
	fmt.Printf("%-44s %10.2fx\n", "kubegen, all five generators / load (CPU)", all.cpu.Seconds()/load.cpu.Seconds())
	return nil
}

func child(self, side string, patterns []string) (sample, error) {
	cmd := exec.Command(self, append([]string{"-mode", side}, patterns...)...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%s run: %w", side, err)
	}
	st := cmd.ProcessState
	return sample{cpu: st.UserTime() + st.SystemTime(), wall: time.Since(start)}, nil
}

func median(s []sample) sample {
	sort.Slice(s, func(i, j int) bool { return s[i].cpu < s[j].cpu })
	return s[len(s)/2]
}
