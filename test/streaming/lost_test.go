//go:build e2e

package streaming

import (
	"errors"
	"io"
	"testing"

	"github.com/kubegen/kubegen/client/portforward"
	"github.com/kubegen/kubegen/client/remotecommand"
)

// TestLostConnection kills kube-apiserver (SIGKILL, like a crash) under open exec and port-forward
// sessions of both transports: each returns an error instead of hanging — exec one wrapping
// ErrConnectionLost, port-forward sessions end and their connections' reads fail. The apiserver is
// started again for the tests that follow.
func TestLostConnection(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	c := execClient(t)
	ctx := testContext(t)
	execDone := map[remotecommand.Transport]chan error{}
	for _, tr := range []remotecommand.Transport{remotecommand.WebSocket, remotecommand.SPDY} {
		stdout := newSyncBuffer()
		done := make(chan error, 1)
		execDone[tr] = done
		go func() {
			done <- c.Exec(ctx, remotecommand.Options{Namespace: ns, Pod: pod, Transport: tr, Stdout: stdout,
				Command: []string{"sh", "-c", "echo started; exec sleep 600"}})
		}()
		if !stdout.waitFor(ctx, "started") {
			t.Fatalf("%v: the command never started", tr)
		}
	}
	type forwarded struct {
		s    *portforward.Session
		read chan error
	}
	sessions := map[portforward.Transport]forwarded{}
	for _, tr := range []portforward.Transport{portforward.WebSocket, portforward.SPDY} {
		s := openSession(t, ctx, ns, pod, tr, tr)
		conn, err := s.Dial(ctx, port)
		if err != nil {
			t.Fatalf("%v: Dial: %v", tr, err)
		}
		if err := echoRoundTrip(conn); err != nil {
			t.Fatalf("%v: %v", tr, err)
		}
		read := make(chan error, 1)
		go func() {
			_, err := conn.Read(make([]byte, 1))
			read <- err
		}()
		sessions[tr] = forwarded{s, read}
	}

	testCluster.StopAPIServer()
	t.Cleanup(func() {
		if err := testCluster.StartAPIServer(); err != nil {
			t.Fatalf("restarting kube-apiserver: %v", err)
		}
	})

	for tr, done := range execDone {
		if err := <-done; !errors.Is(err, remotecommand.ErrConnectionLost) {
			t.Errorf("exec over %v after the apiserver died: %v, want ErrConnectionLost", tr, err)
		}
	}
	for tr, f := range sessions {
		<-f.s.Done()
		if err := <-f.read; err == nil {
			t.Errorf("port-forward over %v: Read after the apiserver died returned no error", tr)
		}
	}
}

// echoRoundTrip checks that conn echoes a byte.
func echoRoundTrip(conn io.ReadWriter) error {
	if _, err := conn.Write([]byte{'x'}); err != nil {
		return err
	}
	b := make([]byte, 1)
	if _, err := io.ReadFull(conn, b); err != nil || b[0] != 'x' {
		return errors.New("no echo before the apiserver was stopped")
	}
	return nil
}
