package rest

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/klog/v2"
	"k8s.io/klog/v2/textlogger"
)

// loggedRequests runs a GET and a POST of ConfigMaps and a GET and a POST of Secrets against a test
// server, with a bearer token, logging through a text logger of the given verbosity, and returns the
// log.
func loggedRequests(t *testing.T, verbosity int) string {
	t.Helper()
	big := sampleConfigMap()
	big.Data["padding"] = strings.Repeat("x", 3000)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", ContentTypeJSON)
		w.Header().Set("X-Trace", "trace-1")
		if strings.Contains(r.URL.Path, "/secrets") {
			_, _ = w.Write(encodeAs(t, ContentTypeJSON, &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"},
				Data: map[string][]byte{"k": []byte("SECRET-DATA")}}))
			return
		}
		_, _ = w.Write(encodeAs(t, ContentTypeJSON, big))
	})
	cfg := testConfig(srv.URL, "")
	cfg.BearerToken = "TOKEN-SECRET"
	c, err := RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	logger := textlogger.NewLogger(textlogger.NewConfig(textlogger.Output(&buf), textlogger.Verbosity(verbosity)))
	ctx := klog.NewContext(context.Background(), logger)
	var cm corev1.ConfigMap
	if err := c.Get().Namespace("team-a").Resource("configmaps").Name("settings").Do(ctx).Into(&cm); err != nil {
		t.Fatal(err)
	}
	if err := c.Post().Namespace("team-a").Resource("configmaps").Body(sampleConfigMap()).Do(ctx).Into(&cm); err != nil {
		t.Fatal(err)
	}
	var s corev1.Secret
	if err := c.Get().Namespace("team-a").Resource("secrets").Name("s").Do(ctx).Into(&s); err != nil {
		t.Fatal(err)
	}
	secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "s"}, Data: map[string][]byte{"k": []byte("SECRET-DATA")}}
	if err := c.Post().Namespace("team-a").Resource("secrets").Body(secret).Do(ctx).Into(&s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Request logging follows client-go's levels (issue 10 item 5): -v=6 one line per request, -v=7 the
// request headers, -v=8 response headers and truncated bodies; credentials never.
func TestIssue10_RequestLogging(t *testing.T) {
	for _, v := range []int{5, 6, 7, 8} {
		out := loggedRequests(t, v)
		has := func(s string) bool { return strings.Contains(out, s) }
		for _, never := range []string{"TOKEN-SECRET", "SECRET-DATA", "U0VDUkVULURBVEE" /* base64 */} {
			if has(never) {
				t.Errorf("-v=%d: the log shows %s:\n%s", v, never, out)
			}
		}
		if v < 6 {
			if out != "" {
				t.Errorf("-v=%d logged:\n%s", v, out)
			}
			continue
		}
		if n := strings.Count(out, `"HTTP response" verb=`); n != 4 {
			t.Errorf("-v=%d: %d response lines, want 4:\n%s", v, n, out)
		}
		for _, want := range []string{`"HTTP response" verb="GET" url="http://127.0.0.1:`, `/api/v1/namespaces/team-a/configmaps/settings" status="200 OK" latency="`,
			`"HTTP response" verb="POST"`} {
			if !has(want) {
				t.Errorf("-v=%d: the log lacks %s:\n%s", v, want, out)
			}
		}
		if got, want := has("headers="), v >= 7; got != want {
			t.Errorf("-v=%d: headers logged = %v, want %v:\n%s", v, got, want, out)
		}
		if v >= 7 && !has(`"Authorization":["Bearer [masked]"]`) {
			t.Errorf("-v=%d: the masked Authorization header is not logged:\n%s", v, out)
		}
		if got, want := has("body="), v >= 8; got != want {
			t.Errorf("-v=%d: bodies logged = %v, want %v:\n%s", v, got, want, out)
		}
		if v < 8 {
			continue
		}
		for _, want := range []string{`"X-Trace":["trace-1"]`, `"HTTP response body" verb="GET"`, `[truncated, `,
			`"HTTP request body" verb="POST"`, `settings`, `<not logged: may hold credentials>`} {
			if !has(want) {
				t.Errorf("-v=8: the log lacks %s:\n%s", want, out)
			}
		}
		if n := strings.Count(out, `"HTTP response body"`); n != 2 {
			t.Errorf("-v=8: %d response bodies logged, want 2 (not the secrets'):\n%s", n, out)
		}
	}
}

// Without a logger in the context, klog's own -v decides, as for client-go.
func TestIssue10_RequestLoggingFollowsKlogV(t *testing.T) {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	var buf bytes.Buffer
	klog.SetOutput(&buf)
	defer klog.SetOutput(nil)
	for _, args := range [][]string{{"-logtostderr=false", "-alsologtostderr=false", "-stderrthreshold=FATAL", "-v=6"}} {
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { _ = fs.Set("v", "0") }()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	c := testClient(t, srv.URL, "", nil)
	if err := c.Delete().Namespace("a").Resource("configmaps").Name("b").Do(context.Background()).Error(); err != nil {
		t.Fatal(err)
	}
	klog.Flush()
	if out := buf.String(); !strings.Contains(out, `"HTTP response" verb="DELETE"`) || !strings.Contains(out, `status="204 No Content"`) {
		t.Errorf("with -v=6 klog shows no request line:\n%s", out)
	}
}

func TestMaskHeaders(t *testing.T) {
	h := http.Header{"Authorization": {"Bearer abc", "opaque"}, "Proxy-Authorization": {"Basic dTpw"},
		"Cookie": {"a=b"}, "Accept": {"application/json"}}
	got := maskHeaders(h)
	want := http.Header{"Authorization": {"Bearer [masked]", "[masked]"}, "Proxy-Authorization": {"Basic [masked]"},
		"Cookie": {"[masked]"}, "Accept": {"application/json"}}
	for k, vs := range want {
		if strings.Join(got[k], "|") != strings.Join(vs, "|") {
			t.Errorf("%s = %q, want %q", k, got[k], vs)
		}
	}
	if h.Get("Authorization") != "Bearer abc" {
		t.Error("maskHeaders changed its input")
	}
}

// stubRoundTripper answers every request with the same response.
type stubRoundTripper struct{ resp *http.Response }

func (s stubRoundTripper) RoundTrip(*http.Request) (*http.Response, error) { return s.resp, nil }

// BenchmarkRequestLogging compares a round trip straight to the next round tripper ("baseline") with
// one through the request logger with logging off ("off", the default: -v below 6) and on at -v=6
// ("v6", into io.Discard). Off must allocate nothing more than the baseline.
func BenchmarkRequestLogging(b *testing.B) {
	stub := stubRoundTripper{resp: &http.Response{StatusCode: 200, Status: "200 OK", Header: http.Header{}, Body: http.NoBody}}
	req := &http.Request{Method: "GET", URL: &url.URL{Scheme: "https", Host: "k:6443", Path: "/api/v1/namespaces/a/pods/b"},
		Header: http.Header{"Authorization": {"Bearer t"}}}
	on := klog.NewContext(context.Background(),
		textlogger.NewLogger(textlogger.NewConfig(textlogger.Output(io.Discard), textlogger.Verbosity(6))))
	for _, bc := range []struct {
		name string
		rt   http.RoundTripper
		req  *http.Request
	}{
		{"baseline", stub, req},
		{"off", logRequests(stub), req},
		{"v6", logRequests(stub), req.WithContext(on)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bc.rt.RoundTrip(bc.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
