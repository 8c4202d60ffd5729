//go:build e2e && !unix

package e2e

import "testing"

type cpuClock struct{}

func startCPU() cpuClock { return cpuClock{} }

// report adds nothing where process CPU time is not available.
func (cpuClock) report(*testing.B) {}
