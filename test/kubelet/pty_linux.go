package kubelet

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

// runInTerminal runs c as the session leader of a new pseudo-terminal: in is typed into it, out receives
// what it prints (standard output and error merged, as on a terminal), and every size from resize is
// applied to it, so "stty size" in the command shows what the client last sent.
func runInTerminal(c *exec.Cmd, in io.Reader, out io.Writer, resize <-chan remotecommand.TerminalSize) error {
	master, slave, err := openPTY()
	if err != nil {
		return err
	}
	sizes := &terminalSizer{fd: master.Fd()}
	defer func() {
		sizes.stop() // no ioctl on the descriptor once it is closed (and maybe reused)
		master.Close()
	}()
	c.Stdin, c.Stdout, c.Stderr = slave, slave, slave
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	err = c.Start()
	slave.Close()
	if err != nil {
		return err
	}
	if in != nil {
		go func() { _, _ = io.Copy(master, in) }()
	}
	if resize != nil {
		go sizes.apply(resize)
	}
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		if out != nil {
			_, _ = io.Copy(out, master) // ends with EIO once the terminal has no process left
		}
	}()
	err = c.Wait()
	if out != nil {
		<-copied
	}
	return err
}

// terminalSizer applies window sizes to a terminal until stopped.
type terminalSizer struct {
	fd      uintptr
	mu      sync.Mutex
	stopped bool
}

func (t *terminalSizer) apply(resize <-chan remotecommand.TerminalSize) {
	for size := range resize {
		ws := struct{ Row, Col, X, Y uint16 }{Row: size.Height, Col: size.Width}
		t.mu.Lock()
		if !t.stopped {
			_, _, _ = syscall.Syscall(syscall.SYS_IOCTL, t.fd, syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&ws)))
		}
		t.mu.Unlock()
	}
}

func (t *terminalSizer) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stopped = true
}

// openPTY opens a new pseudo-terminal pair through /dev/ptmx.
func openPTY() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("kubelet: opening /dev/ptmx: %w", err)
	}
	var unlock int32
	if err := ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("kubelet: unlocking pty: %w", err)
	}
	var n uint32
	if err := ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("kubelet: pty number: %w", err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("kubelet: opening pty: %w", err)
	}
	return master, slave, nil
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}
