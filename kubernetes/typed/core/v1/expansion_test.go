package v1_test

import (
	"context"
	"io"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes/fake"
	typedcorev1 "github.com/kubegen/kubegen/kubernetes/typed/core/v1"
)

// TestLogsAndProxyURLs: GetLogs and the ProxyGet helpers address client-go's paths and carry the
// options as query parameters.
func TestLogsAndProxyURLs(t *testing.T) {
	c, err := typedcorev1.NewForConfig(&rest.Config{Host: "https://example.invalid"})
	if err != nil {
		t.Fatal(err)
	}
	tail, limit := int64(10), int64(2048)
	logs := c.Pods("ns").GetLogs("web", &corev1.PodLogOptions{Container: "app", Follow: true, Previous: true,
		Timestamps: true, TailLines: &tail, LimitBytes: &limit})
	cases := []struct{ got, want string }{
		{logs.URL().String(), "https://example.invalid/api/v1/namespaces/ns/pods/web/log?container=app&follow=true&limitBytes=2048&previous=true&tailLines=10&timestamps=true"},
		{c.Pods("ns").GetLogs("web", nil).URL().String(), "https://example.invalid/api/v1/namespaces/ns/pods/web/log"},
		{c.Pods("ns").ProxyGet("https", "web", "8443", "healthz", map[string]string{"verbose": "1"}).(*rest.Request).URL().String(),
			"https://example.invalid/api/v1/namespaces/ns/pods/https:web:8443/proxy/healthz?verbose=1"},
		{c.Services("ns").ProxyGet("", "svc", "80", "/metrics", nil).(*rest.Request).URL().String(),
			"https://example.invalid/api/v1/namespaces/ns/services/svc:80/proxy/metrics"},
		{c.Nodes().ProxyGet("", "node1", "10250", "stats/summary", nil).(*rest.Request).URL().String(),
			"https://example.invalid/api/v1/nodes/node1:10250/proxy/stats/summary"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("URL\n  got  %s\n  want %s", tc.got, tc.want)
		}
	}
}

// TestFakeLogsAndProxy: the fake's logs read "fake logs", as client-go's fake; its proxies fail
// with an error rather than a nil wrapper.
func TestFakeLogsAndProxy(t *testing.T) {
	cs := fake.NewClientset()
	ctx := context.Background()
	stream, err := cs.CoreV1().Pods("ns").GetLogs("web", &corev1.PodLogOptions{Follow: true}).Stream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(stream)
	stream.Close()
	if string(body) != "fake logs" {
		t.Errorf("fake logs: %q", body)
	}
	if raw, err := cs.CoreV1().Pods("ns").GetLogs("web", nil).DoRaw(ctx); err != nil || string(raw) != "fake logs" {
		t.Errorf("DoRaw: %q, %v", raw, err)
	}
	if _, err := cs.CoreV1().Services("ns").ProxyGet("", "svc", "80", "/", nil).DoRaw(ctx); err == nil {
		t.Error("fake service proxy: no error")
	}
	if _, err := cs.CoreV1().Nodes().ProxyGet("", "n", "", "/", nil).Stream(ctx); err == nil {
		t.Error("fake node proxy: no error")
	}
}
