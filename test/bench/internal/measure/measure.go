// Package measure holds what the comparison programs share to time child processes.
package measure

import (
	"cmp"
	"os"
	"slices"
	"time"
)

// CPU is the user+system CPU of a finished child process. Linux counts in a waited-for process's
// rusage the CPU of the descendants it waited for (the go command's compilers, go/packages' go list).
func CPU(ps *os.ProcessState) time.Duration { return ps.UserTime() + ps.SystemTime() }

// Median is the median of vs (the upper one for an even count), 0 for none; vs is not reordered.
func Median[T cmp.Ordered](vs []T) T {
	if len(vs) == 0 {
		var zero T
		return zero
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	return s[len(s)/2]
}
