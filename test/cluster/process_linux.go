package cluster

import (
	"os/exec"
	"syscall"
)

// detach makes cmd die with the test binary (parent-death signal) and puts it in its own process group,
// so a panicking or killed test leaves no server running.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// alive reports whether a process with this id exists.
func alive(pid int) bool {
	return syscall.Kill(pid, 0) != syscall.ESRCH
}
