package metrics

import (
	"context"
	"net/url"
	"sync/atomic"
	"time"
)

// LatencyMetric observes durations by verb and URL template: the whole request (RequestLatency) or
// the wait for the rate limiter (RateLimiterLatency).
type LatencyMetric interface {
	// Observe records one duration. u is the request's URL template (see the package doc): scheme,
	// host and a path whose namespace and name are placeholders; it never holds a query.
	Observe(ctx context.Context, verb string, u url.URL, latency time.Duration)
}

// SizeMetric observes body sizes in bytes by verb and host.
type SizeMetric interface {
	// Observe records one size.
	Observe(ctx context.Context, verb string, host string, size float64)
}

// ResultMetric counts the answers of every attempt, retries included.
type ResultMetric interface {
	// Increment counts one answer: code is the HTTP status code ("200", "429") or "<error>" when the
	// attempt got no answer; method is the HTTP method; host the server's host:port.
	Increment(ctx context.Context, code string, method string, host string)
}

// RetryMetric counts retries: every attempt after a request's first.
type RetryMetric interface {
	// IncrementRetry counts one retry. code is the answer the retry got (as for ResultMetric), so a
	// request answered 429 then 200 counts one retry with code "200", as client-go counts it.
	IncrementRetry(ctx context.Context, code string, method string, host string)
}

// CallsMetric counts the runs of exec credential plugins.
type CallsMetric interface {
	// Increment counts one run: exitCode is the plugin's exit code (0 on success, 1 when it could
	// not be started), callStatus one of the CallStatus constants.
	Increment(exitCode int, callStatus string)
}

// The callStatus values of CallsMetric; the same strings as client-go's.
const (
	// CallStatusNoError: the plugin ran and exited 0.
	CallStatusNoError = "no_error"
	// CallStatusPluginExecutionError: the plugin ran and failed.
	CallStatusPluginExecutionError = "plugin_execution_error"
	// CallStatusPluginNotFoundError: the plugin's executable could not be found.
	CallStatusPluginNotFoundError = "plugin_not_found_error"
	// CallStatusClientInternalError: the plugin could not be run for another reason.
	CallStatusClientInternalError = "client_internal_error"
)

// CodeError is the code of ResultMetric and RetryMetric for an attempt that got no HTTP answer.
const CodeError = "<error>"

// RegisterOpts is the set of measurements a program wants; a nil field is a measurement not taken,
// at no cost.
type RegisterOpts struct {
	// RequestLatency observes each request from the first attempt to the end of its answer: the
	// whole body for Do, the headers for Watch and Stream; rate-limiter waits and retries included.
	RequestLatency LatencyMetric
	// RateLimiterLatency observes each wait for the client-side rate limiter (one per attempt, when
	// the client has a limiter).
	RateLimiterLatency LatencyMetric
	// RequestResult counts the answer of every attempt.
	RequestResult ResultMetric
	// RequestRetry counts every attempt after the first.
	RequestRetry RetryMetric
	// RequestSize observes the request body of every attempt (0 without a body; not observed for
	// bodies given as an io.Reader, whose size is unknown).
	RequestSize SizeMetric
	// ResponseSize observes the body of every answer read whole (Do and DoRaw; not watches and
	// streams).
	ResponseSize SizeMetric
	// ExecPluginCalls counts exec credential plugin runs.
	ExecPluginCalls CallsMetric
}

var registered atomic.Pointer[RegisterOpts]

// Register installs the measurements of opts for every client of the process. Only the first call
// has an effect; call it once, before making clients, as with client-go.
func Register(opts RegisterOpts) {
	registered.CompareAndSwap(nil, &opts)
}

// Registered returns the measurements given to Register, or nil before Register. Packages rest and
// transport read it on each request; the result must not be modified.
func Registered() *RegisterOpts {
	return registered.Load()
}
