package metrics_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/metrics"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// rec records every call of every hook as one line, e.g. "result 200 GET 127.0.0.1:4242".
type rec struct {
	mu    sync.Mutex
	lines []string
	waits []time.Duration // RateLimiterLatency observations
}

func (r *rec) add(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf(format, args...))
}

// take returns the lines recorded so far, with host replaced by "HOST", and forgets them.
func (r *rec) take(host string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, len(r.lines))
	for i, l := range r.lines {
		out[i] = strings.ReplaceAll(l, host, "HOST")
	}
	r.lines, r.waits = nil, nil
	return out
}

type latency struct {
	*rec
	name string
}

func (l latency) Observe(_ context.Context, verb string, u url.URL, d time.Duration) {
	if d <= 0 {
		l.add("%s %s %s non-positive latency %s", l.name, verb, u.String(), d)
		return
	}
	if l.name == "ratelimiter" {
		l.mu.Lock()
		l.waits = append(l.waits, d)
		l.mu.Unlock()
	}
	l.add("%s %s %s://%s%s", l.name, verb, u.Scheme, u.Host, u.Path) // String would escape the braces
	if u.RawQuery != "" || u.User != nil {
		l.add("%s %s: URL template with a query or user: %s", l.name, verb, u.Redacted())
	}
}

type size struct {
	*rec
	name string
}

func (s size) Observe(_ context.Context, verb, host string, n float64) {
	s.add("%s %s %s %v", s.name, verb, host, n)
}

type result struct{ *rec }

func (r result) Increment(_ context.Context, code, method, host string) {
	r.add("result %s %s %s", code, method, host)
}

func (r result) IncrementRetry(_ context.Context, code, method, host string) {
	r.add("retry %s %s %s", code, method, host)
}

type calls struct{ *rec }

func (c calls) Increment(exitCode int, status string) { c.add("exec %d %s", exitCode, status) }

var recorded = &rec{}

func TestMain(m *testing.M) {
	metrics.Register(metrics.RegisterOpts{
		RequestLatency:     latency{recorded, "latency"},
		RateLimiterLatency: latency{recorded, "ratelimiter"},
		RequestResult:      result{recorded},
		RequestRetry:       result{recorded},
		RequestSize:        size{recorded, "reqsize"},
		ResponseSize:       size{recorded, "respsize"},
		ExecPluginCalls:    calls{recorded},
	})
	// A second Register changes nothing.
	metrics.Register(metrics.RegisterOpts{})
	os.Exit(m.Run())
}

var codecs = func() serializer.CodecFactory {
	s := runtime.NewScheme()
	if err := corev1.AddToScheme(s); err != nil {
		panic(err)
	}
	return serializer.NewCodecFactory(s)
}()

func client(t *testing.T, host string, edit func(*rest.Config)) *rest.RESTClient {
	t.Helper()
	cfg := &rest.Config{Host: host, APIPath: "/api", QPS: -1, WarningHandler: rest.NoWarnings{}}
	cfg.GroupVersion = &corev1.SchemeGroupVersion
	cfg.NegotiatedSerializer = codecs.WithoutConversion()
	if edit != nil {
		edit(cfg)
	}
	c, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// server answers each request with the next of codes (the last one repeating) and a small body.
func server(t *testing.T, codes ...int) (*httptest.Server, string) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		code := codes[min(n, len(codes)-1)]
		n++
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if code == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		w.WriteHeader(code)
		if code == http.StatusOK {
			fmt.Fprint(w, `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-1","namespace":"team-a"}}`)
			return
		}
		fmt.Fprintf(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","code":%d}`, code)
	}))
	t.Cleanup(srv.Close)
	recorded.take("") // forget what earlier tests left
	return srv, strings.TrimPrefix(srv.URL, "http://")
}

const podBody = len(`{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-1","namespace":"team-a"}}`)

func TestHooksOnGet(t *testing.T) {
	srv, host := server(t, http.StatusOK)
	c := client(t, srv.URL, nil)
	if err := c.Get().Namespace("team-a").Resource("pods").Name("web-1").Do(context.Background()).Into(&corev1.Pod{}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"result 200 GET HOST",
		"reqsize GET HOST 0",
		fmt.Sprintf("respsize GET HOST %d", podBody),
		"latency GET http://HOST/api/v1/namespaces/{namespace}/pods/{name}",
	}
	if got := recorded.take(host); !slices.Equal(got, want) {
		t.Errorf("hooks:\n got %q\nwant %q", got, want)
	}
}

func TestHooksOnErrorAnswers(t *testing.T) {
	for _, code := range []int{http.StatusNotFound, http.StatusConflict, http.StatusInternalServerError} {
		srv, host := server(t, code)
		c := client(t, srv.URL, nil)
		body := []byte(`{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web-1"}}`)
		err := c.Put().Namespace("team-a").Resource("pods").Name("web-1").SubResource("status").Body(body).Do(context.Background()).Error()
		if err == nil {
			t.Fatalf("%d: no error", code)
		}
		want := []string{
			fmt.Sprintf("result %d PUT HOST", code),
			fmt.Sprintf("reqsize PUT HOST %d", len(body)),
			fmt.Sprintf("respsize PUT HOST %d", len(fmt.Sprintf(`{"kind":"Status","apiVersion":"v1","status":"Failure","code":%d}`, code))),
			"latency PUT http://HOST/api/v1/namespaces/{namespace}/pods/{name}/status",
		}
		if got := recorded.take(host); !slices.Equal(got, want) {
			t.Errorf("%d:\n got %q\nwant %q", code, got, want)
		}
	}
}

// TestRetryAfter429: a 429 with Retry-After is retried; each attempt is a result, the second one a
// retry (with the code it got, as client-go counts), and the latency is the whole request's, once.
func TestRetryAfter429(t *testing.T) {
	srv, host := server(t, http.StatusTooManyRequests, http.StatusTooManyRequests, http.StatusOK)
	c := client(t, srv.URL, nil)
	if err := c.Get().Resource("nodes").Do(context.Background()).Error(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"result 429 GET HOST", "reqsize GET HOST 0",
		"result 429 GET HOST", "retry 429 GET HOST", "reqsize GET HOST 0",
		"result 200 GET HOST", "retry 200 GET HOST", "reqsize GET HOST 0",
		fmt.Sprintf("respsize GET HOST %d", podBody),
		"latency GET http://HOST/api/v1/nodes",
	}
	if got := recorded.take(host); !slices.Equal(got, want) {
		t.Errorf("hooks:\n got %q\nwant %q", got, want)
	}
}

// TestNoAnswer: a request that reaches no server counts "<error>" and still observes its latency.
func TestNoAnswer(t *testing.T) {
	srv, host := server(t, http.StatusOK)
	srv.Close()
	c := client(t, srv.URL, nil)
	if err := c.Delete().Namespace("team-a").Resource("pods").Name("web-1").Do(context.Background()).Error(); err == nil {
		t.Fatal("no error from a closed server")
	}
	want := []string{"result <error> DELETE HOST", "reqsize DELETE HOST 0", "latency DELETE http://HOST/api/v1/namespaces/{namespace}/pods/{name}"}
	if got := recorded.take(host); !slices.Equal(got, want) {
		t.Errorf("hooks:\n got %q\nwant %q", got, want)
	}
}

// slowLimiter makes every request wait d.
type slowLimiter struct{ d time.Duration }

func (s slowLimiter) Wait(ctx context.Context) error { time.Sleep(s.d); return nil }
func (s slowLimiter) TryAccept() bool                { return true }
func (s slowLimiter) QPS() float32                   { return 1 }
func (s slowLimiter) Stop()                          {}

func TestRateLimiterLatency(t *testing.T) {
	srv, host := server(t, http.StatusOK)
	const wait = 30 * time.Millisecond
	c := client(t, srv.URL, func(cfg *rest.Config) { cfg.RateLimiter = slowLimiter{wait} })
	recorded.mu.Lock()
	recorded.waits = nil
	recorded.mu.Unlock()
	if err := c.Get().Namespace("team-a").Resource("pods").Do(context.Background()).Error(); err != nil {
		t.Fatal(err)
	}
	recorded.mu.Lock()
	waits := slices.Clone(recorded.waits)
	recorded.mu.Unlock()
	want := []string{
		"ratelimiter GET http://HOST/api/v1/namespaces/{namespace}/pods",
		"result 200 GET HOST", "reqsize GET HOST 0",
		fmt.Sprintf("respsize GET HOST %d", podBody),
		"latency GET http://HOST/api/v1/namespaces/{namespace}/pods",
	}
	if got := recorded.take(host); !slices.Equal(got, want) {
		t.Errorf("hooks:\n got %q\nwant %q", got, want)
	}
	if len(waits) != 1 || waits[0] < wait {
		t.Errorf("rate limiter waits = %v, want one of at least %s", waits, wait)
	}
}

// TestWatchLatency: a watch observes the time to its answer's headers, not the stream's life.
func TestWatchLatency(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	recorded.take("")
	c := client(t, srv.URL, nil)
	w, err := c.Get().Resource("pods").Param("watch", "true").Watch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"result 200 GET HOST", "reqsize GET HOST 0", "latency GET http://HOST/api/v1/pods"}
	got := recorded.take(host)
	w.Stop()
	if !slices.Equal(got, want) {
		t.Errorf("hooks:\n got %q\nwant %q", got, want)
	}
}

// TestExecPluginCalls runs real plugins (shell scripts) through a client's ExecProvider.
func TestExecPluginCalls(t *testing.T) {
	srv, host := server(t, http.StatusOK)
	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := script("good", `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'`)
	bad := script("bad", "exit 3")
	for _, tc := range []struct {
		command string
		want    string
	}{
		{good, "exec 0 no_error"},
		{bad, "exec 3 plugin_execution_error"},
		{filepath.Join(dir, "missing"), "exec 1 plugin_not_found_error"},
	} {
		c := client(t, srv.URL, func(cfg *rest.Config) {
			cfg.ExecProvider = &transport.ExecConfig{Command: tc.command, APIVersion: "client.authentication.k8s.io/v1", InteractiveMode: transport.InteractiveNever}
		})
		_ = c.Get().Resource("nodes").Do(context.Background()).Error()
		got := recorded.take(host)
		if !slices.Contains(got, tc.want) {
			t.Errorf("%s: hooks %q lack %q", filepath.Base(tc.command), got, tc.want)
		}
	}
}
