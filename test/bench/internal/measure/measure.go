// Package measure holds what the comparison programs share to time child processes.
package measure

import (
	"os"
	"slices"
	"time"
)

// CPU is the user+system CPU of a finished child process. Linux counts in a waited-for process's
// rusage the CPU of the descendants it waited for (the go command's compilers, go/packages' go list).
func CPU(ps *os.ProcessState) time.Duration { return ps.UserTime() + ps.SystemTime() }

// Median is the median of ds (the upper one for an even count), 0 for none; ds is not reordered.
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
