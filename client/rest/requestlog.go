package rest

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"k8s.io/klog/v2"

	"github.com/kubegen/kubegen/client/transport"
)

// Request logging, at the levels client-go uses: -v=6 one line per request (verb, URL, status,
// latency), -v=7 the request headers, -v=8 the response headers and the request and response bodies,
// truncated. Authorization, Proxy-Authorization and cookies are always masked, and bodies of secrets
// and token requests are never logged. The logger is the request context's (klog.FromContext), so
// -v and the log format are klog's unless the caller chose another logger.
//
// With logging off a request costs one verbosity check and no allocation (BenchmarkRequestLogging).

// Verbosity levels of request logging.
const (
	logRequestLine    = 6
	logRequestHeaders = 7
	logBodies         = 8
)

// maxLoggedBody is how much of a body -v=8 shows.
const maxLoggedBody = 1024

// logRequests is the transport's WrapBase: it sits beneath the credential headers, so -v=7 shows the
// Authorization header the server receives, masked.
func logRequests(next http.RoundTripper) http.RoundTripper { return &loggingRoundTripper{next: next} }

// loggingRoundTripper logs requests when the request context's logger is verbose enough.
type loggingRoundTripper struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (rt *loggingRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	logger := klog.FromContext(req.Context())
	if !logger.V(logRequestLine).Enabled() {
		return rt.next.RoundTrip(req)
	}
	return rt.logged(logger, req)
}

// CloseIdleConnections passes http.Client.CloseIdleConnections on to the transport beneath, so that
// closing idle connections (after a certificate rotation, say) still reaches the connection pool.
func (rt *loggingRoundTripper) CloseIdleConnections() { transport.CloseIdleConnectionsOf(rt.next) }

func (rt *loggingRoundTripper) logged(logger klog.Logger, req *http.Request) (*http.Response, error) {
	u := req.URL.Redacted()
	if v := logger.V(logRequestHeaders); v.Enabled() {
		v.Info("HTTP request", "verb", req.Method, "url", u, "headers", maskHeaders(req.Header))
	}
	bodies := logger.V(logBodies)
	if bodies.Enabled() && req.GetBody != nil && req.ContentLength != 0 {
		bodies.Info("HTTP request body", "verb", req.Method, "url", u, "body", requestBody(req))
	}
	start := time.Now()
	resp, err := rt.next.RoundTrip(req)
	latency := time.Since(start)
	if err != nil {
		logger.V(logRequestLine).Info("HTTP response", "verb", req.Method, "url", u, "status", "", "latency", latency, "err", err)
		return resp, err
	}
	logger.V(logRequestLine).Info("HTTP response", "verb", req.Method, "url", u, "status", resp.Status, "latency", latency)
	if bodies.Enabled() {
		bodies.Info("HTTP response headers", "verb", req.Method, "url", u, "headers", maskHeaders(resp.Header))
		if loggableBody(req, resp) {
			resp.Body = &loggedBody{ReadCloser: resp.Body, logger: bodies, verb: req.Method, url: u}
		}
	}
	return resp, err
}

// masked replaces a credential in logged headers.
const masked = "[masked]"

// maskHeaders returns a copy of h with credentials masked: Authorization and Proxy-Authorization keep
// their scheme ("Bearer [masked]"), cookies are masked whole.
func maskHeaders(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		switch http.CanonicalHeaderKey(k) {
		case "Authorization", "Proxy-Authorization":
			m := make([]string, len(vs))
			for i, v := range vs {
				scheme, _, hasCredential := strings.Cut(v, " ")
				if hasCredential {
					m[i] = scheme + " " + masked
				} else {
					m[i] = masked
				}
			}
			out[k] = m
		case "Cookie", "Set-Cookie":
			out[k] = []string{masked}
		default:
			out[k] = vs
		}
	}
	return out
}

// sensitive reports whether a request path addresses objects whose bodies hold credentials: secrets,
// service account tokens (the token subresource) and token reviews.
func sensitive(path string) bool {
	for _, seg := range strings.Split(path, "/") {
		switch seg {
		case "secrets", "token", "tokenreviews", "tokenrequests":
			return true
		}
	}
	return false
}

// requestBody returns the start of a request body for the log, read from a fresh copy (GetBody) so
// the body sent is untouched.
func requestBody(req *http.Request) string {
	if sensitive(req.URL.Path) {
		return "<not logged: may hold credentials>"
	}
	body, err := req.GetBody()
	if err != nil {
		return "<unavailable: " + err.Error() + ">"
	}
	defer body.Close()
	data, _ := io.ReadAll(io.LimitReader(body, maxLoggedBody+1))
	return logTruncated(data, req.ContentLength)
}

// logTruncated shows at most maxLoggedBody bytes of data, saying how much was left out when total
// (or what was read) is larger.
func logTruncated(data []byte, total int64) string {
	if len(data) <= maxLoggedBody {
		return string(data)
	}
	if total > 0 {
		return string(data[:maxLoggedBody]) + " [truncated, " + strconv.FormatInt(total, 10) + " bytes in all]"
	}
	return string(data[:maxLoggedBody]) + " [truncated]"
}

// loggableBody reports whether the response body may be logged: not for secrets, not for streams
// (watches, upgraded connections), whose bodies never end.
func loggableBody(req *http.Request, resp *http.Response) bool {
	if sensitive(req.URL.Path) || resp.StatusCode == http.StatusSwitchingProtocols {
		return false
	}
	q := req.URL.Query()
	if w := q.Get("watch"); w == "true" || w == "1" || q.Get("follow") == "true" {
		return false
	}
	return !strings.Contains(resp.Header.Get("Content-Type"), "stream=watch")
}

// loggedBody keeps the first maxLoggedBody bytes read and logs them once, at the end of the body or
// when it is closed.
type loggedBody struct {
	io.ReadCloser
	logger klog.Logger
	verb   string
	url    string
	head   bytes.Buffer
	total  int64
	done   bool
}

// Read implements io.Reader.
func (b *loggedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if room := maxLoggedBody + 1 - b.head.Len(); room > 0 {
		b.head.Write(p[:min(n, room)])
	}
	b.total += int64(n)
	if err == io.EOF {
		b.log()
	}
	return n, err
}

// Close implements io.Closer.
func (b *loggedBody) Close() error {
	b.log()
	return b.ReadCloser.Close()
}

func (b *loggedBody) log() {
	if b.done {
		return
	}
	b.done = true
	b.logger.Info("HTTP response body", "verb", b.verb, "url", b.url, "body", logTruncated(b.head.Bytes(), b.total))
}
