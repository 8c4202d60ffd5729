package rest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// URL returns the request's URL: server, API path, group/version, namespace, resource, name,
// subresource, suffix and query parameters.
func (r *Request) URL() *url.URL {
	u := new(url.URL)
	r.fillURL(u)
	return u
}

func (r *Request) fillURL(u *url.URL) {
	*u = r.c.base
	u.Path = r.path()
	u.RawQuery = r.params.encode()
}

func (r *Request) path() string {
	var b strings.Builder
	b.Grow(len(r.pathPrefix) + len(r.namespace) + len(r.resource) + len(r.name) + len(r.subresource) +
		len(r.subpath) + 16)
	b.WriteString(r.pathPrefix)
	if r.namespaceSet && r.namespace != "" {
		appendSegment(&b, "namespaces")
		appendSegment(&b, r.namespace)
	}
	appendSegment(&b, r.resource)
	appendSegment(&b, r.name)
	appendSegment(&b, r.subresource)
	appendSegment(&b, r.subpath)
	if b.Len() == 0 {
		return "/"
	}
	return b.String()
}

func appendSegment(b *strings.Builder, seg string) {
	seg = strings.TrimPrefix(seg, "/")
	if seg == "" {
		return
	}
	s := b.String()
	if len(s) == 0 || s[len(s)-1] != '/' {
		b.WriteByte('/')
	}
	b.WriteString(seg)
}

// HTTPRequest builds the *http.Request that Do would send first, without sending it. It returns the
// first error recorded while building.
func (r *Request) HTTPRequest(ctx context.Context) (*http.Request, error) {
	if r.err != nil {
		return nil, r.err
	}
	var body io.Reader
	switch {
	case r.bodyReader != nil:
		body = r.bodyReader
	case r.hasBody:
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.verb, "", body)
	if err != nil {
		return nil, err
	}
	r.fillURL(req.URL) // reuse the URL NewRequestWithContext parsed from ""
	req.Host = req.URL.Host
	h := req.Header
	h["Accept"] = r.c.acceptHeader
	h["User-Agent"] = r.c.userAgentHeader
	for k, vs := range r.headers {
		h[k] = vs
	}
	return req, nil
}
