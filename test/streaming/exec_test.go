//go:build e2e

package streaming

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/kubegen/kubegen/client/remotecommand"
)

// transports are the protocols every streaming test runs over: forced WebSocket, forced SPDY, and the
// default (WebSocket first with SPDY fallback).
var transports = []remotecommand.Transport{remotecommand.WebSocket, remotecommand.SPDY, remotecommand.Auto}

// testTimeout bounds a whole test so that a hang fails instead of stalling the package.
const testTimeout = 2 * time.Minute

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

func execClient(t *testing.T) *remotecommand.Client {
	t.Helper()
	c, err := remotecommand.New(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestExecOutputAndExitCode runs a command that writes to both outputs and exits 3: stdout and stderr
// arrive separately and the exit code comes back as *ExitError.
func TestExecOutputAndExitCode(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: pod, Container: containerName, Transport: tr,
				Command: []string{"sh", "-c", "echo out-" + tr.String() + "; echo err >&2; exit 3"},
				Stdout:  &stdout, Stderr: &stderr,
			})
			var exit *remotecommand.ExitError
			if !errors.As(err, &exit) || exit.Code != 3 {
				t.Fatalf("Exec: %v (%T), want *ExitError with code 3", err, err)
			}
			if got, want := stdout.String(), "out-"+tr.String()+"\n"; got != want {
				t.Errorf("stdout = %q, want %q", got, want)
			}
			if got := stderr.String(); got != "err\n" {
				t.Errorf("stderr = %q, want %q", got, "err\n")
			}
		})
	}
}

// TestExecSuccess: exit code 0 is a nil error.
func TestExecSuccess(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			var stdout bytes.Buffer
			err := c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: pod, Transport: tr, Command: []string{"echo", "hello", tr.String()},
				Stdout: &stdout,
			})
			if err != nil {
				t.Fatalf("Exec: %v", err)
			}
			if got, want := stdout.String(), "hello "+tr.String()+"\n"; got != want {
				t.Errorf("stdout = %q, want %q", got, want)
			}
		})
	}
}

// TestExecStdin pipes 1 MiB of random bytes through cat: they come back intact, and the end of stdin
// (close signal or half-close) ends the command.
func TestExecStdin(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	input := make([]byte, 1<<20)
	if _, err := rand.Read(input); err != nil {
		t.Fatal(err)
	}
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			var stdout bytes.Buffer
			err := c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: pod, Transport: tr, Command: []string{"cat"},
				Stdin: bytes.NewReader(input), Stdout: &stdout,
			})
			if err != nil {
				t.Fatalf("Exec: %v", err)
			}
			if !bytes.Equal(stdout.Bytes(), input) {
				t.Errorf("stdout: %d bytes differing from the %d sent", stdout.Len(), len(input))
			}
		})
	}
}

// TestExecTTYResize runs a shell loop in a terminal that prints the terminal's size for each line it
// reads: after a resize to 100x40 the size it prints becomes "40 100".
func TestExecTTYResize(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			ctx := testContext(t)
			stdinR, stdinW := io.Pipe()
			stdout := newSyncBuffer()
			resize := make(chan remotecommand.TerminalSize, 1)
			resize <- remotecommand.TerminalSize{Width: 100, Height: 40}
			done := make(chan error, 1)
			go func() {
				done <- c.Exec(ctx, remotecommand.Options{
					Namespace: ns, Pod: pod, Transport: tr, TTY: true, Resize: resize,
					Command: []string{"sh", "-c", `while read line; do [ "$line" = quit ] && exit 0; stty size; done`},
					Stdin:   stdinR, Stdout: stdout,
				})
			}()
			// The size and the lines travel on different streams: ask until the new size shows.
			for !stdout.waitFor(shortWait(ctx), "40 100") {
				if ctx.Err() != nil {
					t.Fatalf("terminal size never became 40 100; output %q", stdout.String())
				}
				if _, err := io.WriteString(stdinW, "size\n"); err != nil {
					t.Fatalf("writing stdin: %v", err)
				}
			}
			if _, err := io.WriteString(stdinW, "quit\n"); err != nil {
				t.Fatalf("writing stdin: %v", err)
			}
			if err := <-done; err != nil {
				t.Fatalf("Exec: %v; output %q", err, stdout.String())
			}
			stdinW.Close()
		})
	}
}

// shortWait bounds one wait for output inside a polling loop; the loop, not the wait, decides failure.
func shortWait(ctx context.Context) context.Context {
	c, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	context.AfterFunc(c, cancel)
	return c
}

// TestExecCancel cancels the context of a session whose command would run for ten minutes: Exec
// returns the context's error promptly instead of hanging.
func TestExecCancel(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(testContext(t))
			stdout := newSyncBuffer()
			done := make(chan error, 1)
			go func() {
				done <- c.Exec(ctx, remotecommand.Options{
					Namespace: ns, Pod: pod, Transport: tr, Stdout: stdout,
					Command: []string{"sh", "-c", "echo started; exec sleep 600"},
				})
			}()
			if !stdout.waitFor(testContext(t), "started") {
				t.Fatalf("command never started; Exec returned %v", <-done)
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Fatalf("Exec after cancel: %v, want context.Canceled", err)
			}
		})
	}
}

// TestExecErrors: API errors come back as *StatusError, on every transport.
func TestExecErrors(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			err := c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: "no-such-pod", Transport: tr, Command: []string{"true"}, Stdout: io.Discard,
			})
			if !apierrors.IsNotFound(err) {
				t.Errorf("exec in a missing pod: %v, want NotFound", err)
			}
			err = c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: pod, Container: "no-such-container", Transport: tr,
				Command: []string{"true"}, Stdout: io.Discard,
			})
			if !apierrors.IsBadRequest(err) || !strings.Contains(err.Error(), "no-such-container") {
				t.Errorf("exec in a missing container: %v, want BadRequest naming it", err)
			}
		})
	}
}

// TestExecStdinNeverEnds: a command that ignores its stdin and exits ends the session, even though the
// caller's stdin never reaches EOF.
func TestExecStdinNeverEnds(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			stdinR, stdinW := io.Pipe()
			defer stdinW.Close()
			var stdout bytes.Buffer
			err := c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: pod, Transport: tr, Command: []string{"echo", "done"},
				Stdin: stdinR, Stdout: &stdout,
			})
			if err != nil || stdout.String() != "done\n" {
				t.Fatalf("Exec: %v, stdout %q", err, stdout.String())
			}
		})
	}
}

// TestExecStdinBackpressure sends 8 MiB to a command that reads nothing for a second: the writes wait
// for the command instead of failing, and every byte arrives.
func TestExecStdinBackpressure(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	input := make([]byte, 8<<20)
	if _, err := rand.Read(input); err != nil {
		t.Fatal(err)
	}
	for _, tr := range transports[:2] {
		t.Run(tr.String(), func(t *testing.T) {
			var stdout bytes.Buffer
			err := c.Exec(testContext(t), remotecommand.Options{
				Namespace: ns, Pod: pod, Transport: tr, Command: []string{"sh", "-c", "sleep 1; exec cat"},
				Stdin: bytes.NewReader(input), Stdout: &stdout,
			})
			if err != nil {
				t.Fatalf("Exec: %v", err)
			}
			if !bytes.Equal(stdout.Bytes(), input) {
				t.Errorf("stdout: %d bytes differing from the %d sent", stdout.Len(), len(input))
			}
		})
	}
}

// endlessReader is stdin that never ends and counts what was read from it.
type endlessReader struct{ n atomic.Int64 }

func (r *endlessReader) Read(p []byte) (int, error) {
	r.n.Add(int64(len(p)))
	return len(p), nil
}

// TestExecCancelWhileStdinBlocked cancels a session whose stdin is backed up all the way (a command
// that never reads it, fed without end): cancellation still ends it.
func TestExecCancelWhileStdinBlocked(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports[:2] {
		t.Run(tr.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(testContext(t))
			stdin := &endlessReader{}
			stdout := newSyncBuffer()
			done := make(chan error, 1)
			go func() {
				done <- c.Exec(ctx, remotecommand.Options{
					Namespace: ns, Pod: pod, Transport: tr, Stdin: stdin, Stdout: stdout,
					Command: []string{"sh", "-c", "echo started; exec sleep 600"},
				})
			}()
			if !stdout.waitFor(testContext(t), "started") {
				t.Fatalf("command never started; Exec returned %v", <-done)
			}
			// Wait until stdin stops moving: every buffer on the way is full.
			for last := int64(-1); last != stdin.n.Load(); {
				last = stdin.n.Load()
				<-shortWait(testContext(t)).Done()
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Fatalf("Exec after cancel: %v, want context.Canceled", err)
			}
		})
	}
}
