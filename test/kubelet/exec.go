package kubelet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"time"

	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

// executor runs exec requests as local commands.
type executor struct{}

// ExecInContainer runs cmd on this machine, in a pseudo-terminal when tty is set. A non-zero exit is
// returned as a utilexec.CodeExitError, which the handler reports as the NonZeroExitCode status.
func (executor) ExecInContainer(ctx context.Context, _, _, _ string, cmd []string, in io.Reader,
	out, errOut io.WriteCloser, tty bool, resize <-chan remotecommand.TerminalSize, _ time.Duration) error {
	c := exec.CommandContext(ctx, cmd[0], cmd[1:]...)
	var err error
	if tty {
		err = runInTerminal(c, in, out, resize)
	} else {
		err = runWithPipes(c, in, out, errOut)
	}
	return exitError(err)
}

// runWithPipes runs c with its standard streams connected to the session's. Standard input is copied
// by a goroutine that is not waited for: a client may keep it open after the command is gone.
func runWithPipes(c *exec.Cmd, in io.Reader, out, errOut io.Writer) error {
	c.Stdout, c.Stderr = out, errOut
	var stdin io.WriteCloser
	if in != nil {
		var err error
		if stdin, err = c.StdinPipe(); err != nil {
			return err
		}
	}
	if err := c.Start(); err != nil {
		return err
	}
	if stdin != nil {
		go func() {
			_, _ = io.Copy(stdin, in)
			_ = stdin.Close()
		}()
	}
	return c.Wait()
}

// exitError turns an exit status into an error the streaming handlers recognize as an exit code (they
// test for k8s.io/utils/exec.ExitError, an interface codeExit satisfies).
func exitError(err error) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() >= 0 {
		return codeExit(exit.ExitCode())
	}
	return err
}

// codeExit is a process's non-zero exit code.
type codeExit int

func (c codeExit) Error() string   { return fmt.Sprintf("exit status %d", int(c)) }
func (c codeExit) String() string  { return c.Error() }
func (c codeExit) Exited() bool    { return true }
func (c codeExit) ExitStatus() int { return int(c) }
