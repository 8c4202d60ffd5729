//go:build e2e

package streaming

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/client/portforward"
	"github.com/kubegen/kubegen/client/remotecommand"
)

// apiserverCounter sums a counter of kube-apiserver's /metrics over all its labels, and tells whether
// /metrics has the counter at all (a counter is listed once it has counted something).
func apiserverCounter(t *testing.T, name string) (sum float64, listed bool) {
	t.Helper()
	client, err := testCluster.AdminHTTPClient()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Get(testCluster.Host() + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(io.LimitReader(resp.Body, 64<<20))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, name+"{") && !strings.HasPrefix(line, name+" ") {
			continue
		}
		v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
		if err != nil {
			t.Fatalf("metric line %q: %v", line, err)
		}
		sum += v
		listed = true
	}
	return sum, listed
}

// checkCounted fails t unless the apiserver counter name grew by want since before. A server that
// never lists the counter, even after a session it must have counted, does not export it (kube-apiserver
// 1.35 never registers its stream proxy metrics; 1.36 does): that is noted for the compatibility matrix,
// and only the session's own success (the WebSocket transport has no fallback) speaks for the protocol.
func checkCounted(t *testing.T, what, name string, before, want float64) {
	t.Helper()
	got, listed := apiserverCounter(t, name)
	if !listed && want > 0 {
		t.Logf("matrix: kube-apiserver does not export %s, so the server cannot confirm the %s protocol", name, what)
		return
	}
	if d := got - before; d != want {
		t.Errorf("%s: %s grew by %v, want %v", what, name, d, want)
	}
}

// TestTransportsSeenByAPIServer checks, with kube-apiserver's own counters, which protocol reached
// it: WebSocket sessions go through its WebSocket→SPDY stream translator (exec) or tunnel
// (port-forward), SPDY sessions through neither, and Auto takes the WebSocket path.
func TestTransportsSeenByAPIServer(t *testing.T) {
	ns, pod := newPod(t)
	port := echoServer(t)
	c := execClient(t)
	tests := []struct {
		exec        remotecommand.Transport
		forward     portforward.Transport
		forwardUsed portforward.Transport
		wantDelta   float64
	}{
		{remotecommand.WebSocket, portforward.WebSocket, portforward.WebSocket, 1},
		{remotecommand.SPDY, portforward.SPDY, portforward.SPDY, 0},
		{remotecommand.Auto, portforward.Auto, portforward.WebSocket, 1},
	}
	for _, tt := range tests {
		t.Run(tt.exec.String(), func(t *testing.T) {
			ctx := testContext(t)
			before, _ := apiserverCounter(t, "apiserver_stream_translator_requests_total")
			if err := c.Exec(ctx, remotecommand.Options{Namespace: ns, Pod: pod, Transport: tt.exec,
				Command: []string{"true"}, Stdout: io.Discard}); err != nil {
				t.Fatalf("Exec: %v", err)
			}
			checkCounted(t, "exec", "apiserver_stream_translator_requests_total", before, tt.wantDelta)
			before, _ = apiserverCounter(t, "apiserver_stream_tunnel_requests_total")
			s := openSession(t, ctx, ns, pod, tt.forward, tt.forwardUsed)
			if err := echoOnce(ctx, s, port, 16); err != nil {
				t.Fatalf("port-forward: %v", err)
			}
			s.Close()
			checkCounted(t, "port-forward", "apiserver_stream_tunnel_requests_total", before, tt.wantDelta)
		})
	}
}
