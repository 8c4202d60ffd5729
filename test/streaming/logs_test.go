//go:build e2e

package streaming

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// TestPodLogs reads a pod's logs through the real API server and the fake kubelet with the blessed
// clientset's GetLogs: a whole log with Do, and a followed log with Stream, whose cancellation
// reaches the kubelet (its log request ends).
func TestPodLogs(t *testing.T) {
	namespace, pod := newPod(t)
	core, err := typedcorev1.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	pods := core.Pods(namespace)
	prefix := fmt.Sprintf("%s/%s/%s line ", namespace, pod, containerName)

	tail := int64(5)
	raw, err := pods.GetLogs(pod, &corev1.PodLogOptions{Container: containerName, TailLines: &tail, Timestamps: true}).Do(t.Context()).Raw()
	if err != nil {
		t.Fatalf("GetLogs Do: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "tailLines=5") || !strings.Contains(lines[0], "timestamps=true") || lines[3] != prefix+"3" {
		t.Fatalf("whole log: %q; want the options passed on and three lines", lines)
	}

	ctx, cancel := context.WithCancel(t.Context())
	stream, err := pods.GetLogs(pod, &corev1.PodLogOptions{Container: containerName, Follow: true}).Stream(ctx)
	if err != nil {
		t.Fatalf("GetLogs Stream: %v", err)
	}
	defer stream.Close()
	r := bufio.NewScanner(stream)
	if !r.Scan() || !strings.Contains(r.Text(), "follow=true") {
		t.Fatalf("first line %q (%v): want the query with follow=true", r.Text(), r.Err())
	}
	for n := 1; n <= 5; n++ {
		if !r.Scan() {
			t.Fatalf("followed log ended after %d lines: %v", n-1, r.Err())
		}
		if want := fmt.Sprintf("%s%d", prefix, n); r.Text() != want {
			t.Fatalf("line %d = %q, want %q", n, r.Text(), want)
		}
	}
	if testKubelet.LogStreams() == 0 {
		t.Fatal("the kubelet answers no log request while the followed log streams")
	}
	cancel()
	ended := make(chan bool)
	go func() {
		for r.Scan() {
		}
		ended <- true
	}()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the followed log did not end 10s after its context was cancelled")
	}
	deadline := time.Now().Add(10 * time.Second)
	for testKubelet.LogStreams() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the kubelet still answers the log request 10s after the client cancelled")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
