package kubelet

import (
	"context"
	"errors"
	"io"
	"os/exec"
	"sync"

	"k8s.io/cri-streaming/pkg/streaming/remotecommand"
)

// attacher keeps one long-running local process per container, started on first attach, and connects
// attach sessions to it: session input goes to the process's standard input, the process's output goes
// to every attached session.
type attacher struct {
	ctx     context.Context
	command []string

	mu    sync.Mutex
	procs map[string]*mainProcess
	wg    sync.WaitGroup
}

func newAttacher(ctx context.Context, command []string) *attacher {
	return &attacher{ctx: ctx, command: command, procs: map[string]*mainProcess{}}
}

// AttachContainer connects the session to the container's main process until the client closes its
// input, the request ends or the process exits.
func (a *attacher) AttachContainer(ctx context.Context, name, _, container string, in io.Reader,
	out, errOut io.WriteCloser, _ bool, _ <-chan remotecommand.TerminalSize) error {
	p, err := a.process(name + "/" + container)
	if err != nil {
		return err
	}
	id := p.subscribe(out)
	defer p.unsubscribe(id)
	inputDone := make(chan struct{})
	if in != nil {
		go func() {
			defer close(inputDone)
			_, _ = io.Copy(p.stdin, in)
		}()
	}
	select {
	case <-inputDone:
		return nil
	case <-ctx.Done():
		return nil
	case <-p.exited:
		return errors.New("container main process exited")
	}
}

// process returns the running main process of a container, starting it when needed.
func (a *attacher) process(key string) (*mainProcess, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if p, ok := a.procs[key]; ok {
		select {
		case <-p.exited:
		default:
			return p, nil
		}
	}
	p, err := startMainProcess(a.ctx, a.command, &a.wg)
	if err != nil {
		return nil, err
	}
	a.procs[key] = p
	return p, nil
}

func (a *attacher) wait() { a.wg.Wait() }

// mainProcess is a container's main process with its output fanned out to the attached sessions.
type mainProcess struct {
	stdin  io.WriteCloser
	exited chan struct{}

	mu   sync.Mutex
	next int
	outs map[int]io.Writer
}

func startMainProcess(ctx context.Context, command []string, wg *sync.WaitGroup) (*mainProcess, error) {
	c := exec.CommandContext(ctx, command[0], command[1:]...)
	p := &mainProcess{exited: make(chan struct{}), outs: map[int]io.Writer{}}
	c.Stdout, c.Stderr = p, p
	var err error
	if p.stdin, err = c.StdinPipe(); err != nil {
		return nil, err
	}
	if err := c.Start(); err != nil {
		return nil, err
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = c.Wait()
		close(p.exited)
	}()
	return p, nil
}

// Write sends the process's output to every attached session; a session that fails is dropped.
func (p *mainProcess) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for id, w := range p.outs {
		if _, err := w.Write(b); err != nil {
			delete(p.outs, id)
		}
	}
	return len(b), nil
}

func (p *mainProcess) subscribe(w io.Writer) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.next++
	if w != nil {
		p.outs[p.next] = w
	}
	return p.next
}

func (p *mainProcess) unsubscribe(id int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.outs, id)
}
