// Package metrics lets a program observe what kubegen's REST client does: the latency of each request
// by verb and URL template, the answer of each attempt by status code, method and host, the time spent
// waiting for the client-side rate limiter, retries, request and response body sizes, and exec
// credential plugin runs. It defines one small interface per measurement and holds the set a program
// registers; it depends on no metrics library. A program adapts the interfaces to Prometheus,
// OpenTelemetry or anything else and calls Register once, at start-up:
//
//	metrics.Register(metrics.RegisterOpts{
//		RequestLatency: latencyHistogram{}, // your adapter: Observe(ctx, verb, u, latency)
//		RequestResult:  resultCounter{},    // Increment(ctx, code, method, host)
//	})
//
// The package example is a complete adapter that serves the figures in Prometheus' text format with
// the standard library only.
//
// # Registration
//
// Registration is global and happens once, as with client-go's k8s.io/client-go/tools/metrics, whose
// interface names and method signatures these are: an adapter written for client-go compiles against
// this package unchanged. Global, because the clients worth measuring are often built where the
// program cannot reach their Config (inside an informer factory, leader election, a library), and
// because a process exports to one metrics registry; clients of different clusters are told apart by
// the host label. The first call of Register wins; later calls change nothing.
//
// # Cost
//
// Before Register, or for each measurement left nil in RegisterOpts, the client does none of the work
// of that measurement: each request loads one pointer and tests it, and allocates nothing more.
// Measured by BenchmarkGetInProcess in package rest, and held by its allocation gate (TestAllocGate).
//
// # Labels
//
// Label values are bounded: URLs are templates, with the namespace, the name and any path below a
// subresource replaced by "{namespace}", "{name}" and "{path}", and no query; hosts are the
// configured server's host:port; a request that got no answer has the code "<error>".
//
// # Layer
//
// metrics is a leaf: it imports only the standard library. Package transport (exec plugin runs) and
// package rest (everything else) report to it.
package metrics
