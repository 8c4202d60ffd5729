package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kubegen/kubegen/client/metrics"
)

// registry holds counters and histograms and writes them in Prometheus' text exposition format. It
// is the whole adapter between package metrics and a scraper, in the standard library only; a
// program that already has a Prometheus or OpenTelemetry client implements the same five
// interfaces over it instead.
type registry struct {
	mu     sync.Mutex
	series map[string]*series // by name + labels, as written
}

type series struct {
	name, help, kind string // kind: counter or histogram
	labels           string // `{a="x",b="y"}` or ""
	value            float64
	buckets          []float64 // upper bounds, for histograms
	counts           []uint64  // per bucket, not cumulative
	sum              float64
	count            uint64
}

var (
	latencyBuckets = []float64{.005, .025, .1, .25, .5, 1, 2, 4, 8, 15, 30, 60}
	sizeBuckets    = []float64{64, 256, 512, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216}
)

func newRegistry() *registry { return &registry{series: map[string]*series{}} }

// opts returns the measurements to give metrics.Register, named as client-go's Prometheus adapter
// (k8s.io/component-base) names them so that existing dashboards apply.
func (r *registry) opts() metrics.RegisterOpts {
	return metrics.RegisterOpts{
		RequestLatency:     latency{r, "rest_client_request_duration_seconds", "Request latency by verb and URL template."},
		RateLimiterLatency: latency{r, "rest_client_rate_limiter_duration_seconds", "Client-side rate limiter wait by verb and URL template."},
		RequestResult:      results{r},
		RequestRetry:       results{r},
		RequestSize:        size{r, "rest_client_request_size_bytes", "Request body size by verb and host."},
		ResponseSize:       size{r, "rest_client_response_size_bytes", "Response body size by verb and host."},
		ExecPluginCalls:    execCalls{r},
	}
}

// labels formats label pairs (name, value, name, value...) in the exposition format.
func labels(kv ...string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := 0; i < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(kv[i] + "=" + strconv.Quote(kv[i+1]))
	}
	b.WriteByte('}')
	return b.String()
}

func (r *registry) add(name, help, lbls string, v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.get(name, help, "counter", lbls, nil)
	s.value += v
}

func (r *registry) observe(name, help, lbls string, buckets []float64, v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.get(name, help, "histogram", lbls, buckets)
	i, _ := slices.BinarySearch(s.buckets, v) // first bound >= v; len(buckets) is +Inf
	s.counts[i]++
	s.sum += v
	s.count++
}

func (r *registry) get(name, help, kind, lbls string, buckets []float64) *series {
	key := name + lbls
	s, ok := r.series[key]
	if !ok {
		s = &series{name: name, help: help, kind: kind, labels: lbls, buckets: buckets, counts: make([]uint64, len(buckets)+1)}
		r.series[key] = s
	}
	return s
}

// ServeHTTP writes every series, sorted, with one HELP and TYPE line per metric name.
func (r *registry) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	r.write(w)
}

func (r *registry) write(w io.Writer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	keys := make([]string, 0, len(r.series))
	for k := range r.series {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	last := ""
	for _, k := range keys {
		s := r.series[k]
		if s.name != last {
			fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", s.name, s.help, s.name, s.kind)
			last = s.name
		}
		if s.kind == "counter" {
			fmt.Fprintf(w, "%s%s %g\n", s.name, s.labels, s.value)
			continue
		}
		var cum uint64
		for i, n := range s.counts { // one more than the bounds: the last is +Inf
			cum += n
			bound := "+Inf"
			if i < len(s.buckets) {
				bound = strconv.FormatFloat(s.buckets[i], 'g', -1, 64)
			}
			fmt.Fprintf(w, "%s_bucket%s %d\n", s.name, withLabel(s.labels, "le", bound), cum)
		}
		fmt.Fprintf(w, "%s_sum%s %g\n%s_count%s %d\n", s.name, s.labels, s.sum, s.name, s.labels, s.count)
	}
}

// withLabel adds one label to a formatted label set.
func withLabel(lbls, name, value string) string {
	if lbls == "" {
		return labels(name, value)
	}
	return strings.TrimSuffix(lbls, "}") + "," + name + "=" + strconv.Quote(value) + "}"
}

type latency struct {
	r          *registry
	name, help string
}

func (l latency) Observe(_ context.Context, verb string, u url.URL, d time.Duration) {
	l.r.observe(l.name, l.help, labels("verb", verb, "host", u.Host, "url", u.Path), latencyBuckets, d.Seconds())
}

type size struct {
	r          *registry
	name, help string
}

func (s size) Observe(_ context.Context, verb, host string, n float64) {
	s.r.observe(s.name, s.help, labels("verb", verb, "host", host), sizeBuckets, n)
}

type results struct{ r *registry }

func (c results) Increment(_ context.Context, code, method, host string) {
	c.r.add("rest_client_requests_total", "Answers by status code, method and host, every attempt.", labels("code", code, "method", method, "host", host), 1)
}

func (c results) IncrementRetry(_ context.Context, code, method, host string) {
	c.r.add("rest_client_request_retries_total", "Retries by status code, method and host.", labels("code", code, "method", method, "host", host), 1)
}

type execCalls struct{ r *registry }

func (c execCalls) Increment(exitCode int, status string) {
	c.r.add("rest_client_exec_plugin_call_total", "Exec credential plugin runs by exit code and status.", labels("code", strconv.Itoa(exitCode), "call_status", status), 1)
}
