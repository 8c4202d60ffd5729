//go:build e2e

package streaming

import (
	"bytes"
	"crypto/rand"
	"io"
	"testing"

	"github.com/kubegen/kubegen/client/portforward"
	"github.com/kubegen/kubegen/client/remotecommand"
)

// BenchmarkExecEcho1MiB is the round trip of 1 MiB through `cat` in an exec session — client →
// kube-apiserver → fake kubelet → cat and back — including the session's setup, over each transport.
// SetBytes makes MB/s the stdin→stdout throughput.
func BenchmarkExecEcho1MiB(b *testing.B) {
	ns, pod := newPod(b)
	c, err := remotecommand.New(testCluster.AdminConfig())
	if err != nil {
		b.Fatal(err)
	}
	input := make([]byte, 1<<20)
	_, _ = rand.Read(input)
	for _, tr := range []remotecommand.Transport{remotecommand.WebSocket, remotecommand.SPDY} {
		b.Run(tr.String(), func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			ctx := b.Context()
			for b.Loop() {
				var out countingWriter
				err := c.Exec(ctx, remotecommand.Options{
					Namespace: ns, Pod: pod, Transport: tr, Command: []string{"cat"},
					Stdin: bytes.NewReader(input), Stdout: &out,
				})
				if err != nil {
					b.Fatal(err)
				}
				if out != countingWriter(len(input)) {
					b.Fatalf("echoed %d bytes, want %d", out, len(input))
				}
			}
		})
	}
}

// BenchmarkPortForwardEcho1MiB echoes 1 MiB over a new connection of an open port-forward session
// per iteration, over each transport.
func BenchmarkPortForwardEcho1MiB(b *testing.B) {
	ns, pod := newPod(b)
	port := echoServer(b)
	for _, tr := range []portforward.Transport{portforward.WebSocket, portforward.SPDY} {
		b.Run(tr.String(), func(b *testing.B) {
			s, err := portforward.Open(b.Context(), testCluster.AdminConfig(),
				portforward.Options{Namespace: ns, Pod: pod, Transport: tr})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.SetBytes(1 << 20)
			for b.Loop() {
				if err := echoOnce(b.Context(), s, port, 1<<20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// countingWriter counts what is written to it.
type countingWriter int

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
