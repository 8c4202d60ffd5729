//go:build !linux

package kubelet

import (
	"errors"
	"io"
	"os/exec"

	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

// runInTerminal needs Linux pseudo-terminals.
func runInTerminal(*exec.Cmd, io.Reader, io.Writer, <-chan remotecommand.TerminalSize) error {
	return errors.New("kubelet: TTY sessions are only supported on Linux")
}
