//go:build e2e

package streaming

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/kubegen/kubegen/client/remotecommand"
)

// TestAttach attaches to the container's main process (cat on the fake kubelet): a line written to
// the session comes back on its stdout, and closing stdin ends the session without error.
func TestAttach(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			ctx := testContext(t)
			stdinR, stdinW := io.Pipe()
			stdout := newSyncBuffer()
			done := make(chan error, 1)
			go func() {
				done <- c.Attach(ctx, remotecommand.Options{
					Namespace: ns, Pod: pod, Container: containerName, Transport: tr,
					Stdin: stdinR, Stdout: stdout,
				})
			}()
			line := "attached over " + tr.String() + "\n"
			if _, err := io.WriteString(stdinW, line); err != nil {
				t.Fatalf("writing stdin: %v", err)
			}
			if !stdout.waitFor(ctx, line) {
				t.Fatalf("the line never came back; output %q", stdout.String())
			}
			stdinW.Close()
			if err := <-done; err != nil {
				t.Fatalf("Attach: %v", err)
			}
		})
	}
}

// TestAttachCancel: cancelling the context ends an attached session that would otherwise last forever.
func TestAttachCancel(t *testing.T) {
	ns, pod := newPod(t)
	c := execClient(t)
	for _, tr := range transports {
		t.Run(tr.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(testContext(t))
			stdinR, stdinW := io.Pipe()
			defer stdinW.Close()
			stdout := newSyncBuffer()
			done := make(chan error, 1)
			go func() {
				done <- c.Attach(ctx, remotecommand.Options{
					Namespace: ns, Pod: pod, Transport: tr, Stdin: stdinR, Stdout: stdout,
				})
			}()
			if _, err := io.WriteString(stdinW, "ready\n"); err != nil {
				t.Fatalf("writing stdin: %v", err)
			}
			if !stdout.waitFor(testContext(t), "ready") {
				t.Fatalf("session never started; output %q", stdout.String())
			}
			cancel()
			if err := <-done; !errors.Is(err, context.Canceled) {
				t.Fatalf("Attach after cancel: %v, want context.Canceled", err)
			}
		})
	}
}
