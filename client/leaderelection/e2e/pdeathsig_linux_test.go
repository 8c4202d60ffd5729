//go:build e2e

package e2e_test

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes a candidate die with the test binary.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
