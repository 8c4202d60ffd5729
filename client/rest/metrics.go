package rest

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kubegen/kubegen/client/metrics"
)

// The request's side of package metrics. Each function here runs only when its measurement is
// registered; with none registered a request pays one pointer load in send.

// observeLatency reports the time since start to m under the request's verb and URL template.
func (r *Request) observeLatency(ctx context.Context, m metrics.LatencyMetric, start time.Time) {
	m.Observe(ctx, r.verb, r.urlTemplate(), time.Since(start))
}

// observeAttempt reports one attempt's answer (resp is nil when it got none), whether it was a retry,
// and the size of the body it sent.
func (r *Request) observeAttempt(ctx context.Context, m *metrics.RegisterOpts, attempt int, resp *http.Response) {
	host := r.c.base.Host
	if m.RequestResult != nil || m.RequestRetry != nil {
		code := metrics.CodeError
		if resp != nil {
			code = strconv.Itoa(resp.StatusCode)
		}
		if m.RequestResult != nil {
			m.RequestResult.Increment(ctx, code, r.verb, host)
		}
		if attempt > 0 && m.RequestRetry != nil {
			m.RequestRetry.IncrementRetry(ctx, code, r.verb, host)
		}
	}
	if m.RequestSize != nil && r.bodyReader == nil {
		m.RequestSize.Observe(ctx, r.verb, host, float64(len(r.body)))
	}
}

// observeResponseSize reports the size of a body read whole.
func (r *Request) observeResponseSize(ctx context.Context, body []byte) {
	if m := metrics.Registered(); m != nil && m.ResponseSize != nil {
		m.ResponseSize.Observe(ctx, r.verb, r.c.base.Host, float64(len(body)))
	}
}

// urlTemplate is the request's URL with bounded label values only: the server's scheme and host, and
// the path with the namespace, the name and anything below a subresource replaced by placeholders;
// no user information and no query.
func (r *Request) urlTemplate() url.URL {
	u := r.c.base
	u.User = nil
	u.RawQuery, u.Fragment, u.RawPath = "", "", ""
	u.Path = r.templatePath()
	return u
}

// templatePath builds the template from the parts the request was built from; a request whose path
// was given whole (AbsPath, no Resource) has that path read as an API path instead.
func (r *Request) templatePath() string {
	if r.resource == "" {
		return templateOfPath(r.pathPrefix, r.c.base.Path)
	}
	var b strings.Builder
	b.WriteString(r.pathPrefix)
	if r.namespaceSet && r.namespace != "" {
		appendSegment(&b, "namespaces")
		appendSegment(&b, "{namespace}")
	}
	appendSegment(&b, r.resource)
	if r.name != "" {
		appendSegment(&b, "{name}")
	}
	sub, below, _ := strings.Cut(strings.TrimPrefix(r.subresource, "/"), "/")
	appendSegment(&b, sub)
	if below != "" || strings.Trim(r.subpath, "/") != "" {
		appendSegment(&b, "{path}")
	}
	return b.String()
}

// templateOfPath reads p, below the server's base path, as an API path
// (/api/VERSION/... or /apis/GROUP/VERSION/...) followed by [namespaces/NAMESPACE/]RESOURCE[/NAME[/SUBRESOURCE[/...]]]
// and replaces the namespace, name and anything below the subresource with placeholders. Other paths
// (/version, /healthz, discovery) name no object and are kept.
func templateOfPath(p, base string) string {
	base = strings.TrimSuffix(base, "/")
	rel, ok := strings.CutPrefix(p, base)
	if !ok || !strings.HasPrefix(rel, "/") {
		return p
	}
	segs := strings.Split(strings.Trim(rel, "/"), "/")
	var head int
	switch {
	case segs[0] == "api" && len(segs) > 2:
		head = 2
	case segs[0] == "apis" && len(segs) > 3:
		head = 3
	default:
		return p
	}
	out := append(make([]string, 0, len(segs)), segs[:head]...)
	rest := segs[head:]
	if len(rest) >= 3 && rest[0] == "namespaces" && rest[2] != "status" && rest[2] != "finalize" {
		out = append(out, "namespaces", "{namespace}")
		rest = rest[2:]
	}
	switch {
	case len(rest) >= 4:
		out = append(out, rest[0], "{name}", rest[2], "{path}")
	case len(rest) >= 2:
		out = append(append(out, rest[0], "{name}"), rest[2:]...)
	default:
		out = append(out, rest...)
	}
	return base + "/" + strings.Join(out, "/")
}
