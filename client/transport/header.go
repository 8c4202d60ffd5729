package transport

import (
	"context"
	"net/http"
	"strings"
)

// credential is one Authorization header value. Sources hand out the same *credential until it
// changes, so requests share its header slice and a 401 can say which credential it rejected.
type credential struct {
	// header is the Authorization value as a one-element slice shared by every request; nil when the
	// credential is a client certificate only.
	header []string
}

func bearer(token string) *credential { return &credential{header: []string{"Bearer " + token}} }

// authSource yields the credential for the next request.
type authSource interface {
	credential(ctx context.Context) (*credential, error)
}

// refresher is an authSource that can drop a credential the server rejected with 401.
type refresher interface {
	refresh(rejected *credential)
}

// staticAuth always yields the same credential.
type staticAuth struct{ c *credential }

func (s staticAuth) credential(context.Context) (*credential, error) { return s.c, nil }

// headerRoundTripper adds User-Agent, Authorization and Impersonate-* headers the request lacks. It
// copies the request at most once, and only when a header must be added.
type headerRoundTripper struct {
	next        http.RoundTripper
	userAgent   []string
	auth        authSource
	impersonate []header
}

// header is one precomputed header; values has len == cap so an append by a later round tripper
// copies instead of writing into the shared array.
type header struct {
	key    string
	values []string
}

// RoundTrip implements http.RoundTripper.
func (rt *headerRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	setUA := rt.userAgent != nil && req.Header.Get("User-Agent") == ""
	var cred *credential
	if rt.auth != nil && req.Header.Get("Authorization") == "" {
		var err error
		if cred, err = rt.auth.credential(req.Context()); err != nil {
			closeBody(req)
			return nil, err
		}
	}
	setAuth := cred != nil && cred.header != nil
	setImp := len(rt.impersonate) > 0 && !hasImpersonation(req.Header)
	if setUA || setAuth || setImp {
		req = rt.withHeaders(req, setUA, setAuth, setImp, cred)
	}
	resp, err := rt.next.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusUnauthorized && cred != nil {
		if r, ok := rt.auth.(refresher); ok {
			r.refresh(cred)
		}
	}
	return resp, err
}

// withHeaders returns a shallow copy of req with its own header map holding the added headers.
func (rt *headerRoundTripper) withHeaders(req *http.Request, ua, auth, imp bool, cred *credential) *http.Request {
	n := len(req.Header) + 2
	if imp {
		n += len(rt.impersonate)
	}
	h := make(http.Header, n)
	for k, v := range req.Header {
		h[k] = v[:len(v):len(v)]
	}
	if ua {
		h["User-Agent"] = rt.userAgent
	}
	if auth {
		h["Authorization"] = cred.header
	}
	if imp {
		for _, ih := range rt.impersonate {
			h[ih.key] = ih.values
		}
	}
	r2 := new(http.Request)
	*r2 = *req
	r2.Header = h
	return r2
}

func hasImpersonation(h http.Header) bool {
	for k := range h {
		if strings.HasPrefix(k, "Impersonate-") {
			return true
		}
	}
	return false
}

// closeBody honours the RoundTripper contract of closing the body even when failing early.
func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// CloseIdleConnections closes idle connections of the wrapped round tripper, so that
// http.Client.CloseIdleConnections reaches the shared transport.
func (rt *headerRoundTripper) CloseIdleConnections() { CloseIdleConnectionsOf(rt.next) }

// CloseIdleConnectionsOf closes the idle connections of rt when it can (an *http.Transport, or a
// wrapper passing the call on). Every round tripper that wraps another should implement
// CloseIdleConnections with it: http.Client.CloseIdleConnections only reaches the connection pool
// through an unbroken chain, and a rotated client certificate is presented only on a new connection.
func CloseIdleConnectionsOf(rt http.RoundTripper) {
	if c, ok := rt.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// wrapHeaders puts a headerRoundTripper in front of base, or returns base when there is nothing to add.
func wrapHeaders(c *Config, exec *execAuthenticator, base http.RoundTripper) (http.RoundTripper, error) {
	rt := &headerRoundTripper{next: base, impersonate: impersonationHeaders(c.Impersonate)}
	if c.UserAgent != "" {
		rt.userAgent = []string{c.UserAgent}
	}
	rt.auth = authSourceFor(c, exec)
	if rt.userAgent == nil && rt.auth == nil && rt.impersonate == nil {
		return base, nil
	}
	return rt, nil
}

// authSourceFor picks the credential source: exec plugin, token file, inline token or basic auth.
func authSourceFor(c *Config, exec *execAuthenticator) authSource {
	switch {
	case exec != nil:
		return exec
	case c.BearerTokenFile != "":
		return newFileTokenSource(c.BearerTokenFile, c.BearerToken)
	case c.BearerToken != "":
		return staticAuth{bearer(c.BearerToken)}
	case c.Username != "" || c.Password != "":
		return staticAuth{basic(c.Username, c.Password)}
	}
	return nil
}
