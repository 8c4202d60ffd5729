// Package transport turns a Config into an http.RoundTripper that speaks to a Kubernetes API server:
// TLS (CA, client certificates, server name, insecure mode), credentials (bearer token inline or from
// a rotating file, basic auth, exec credential plugins), impersonation, user agent and proxies.
//
// It is the lowest layer of kubegen's runtime and imports nothing above it. Round trippers are cached
// per equivalent Config and are safe for concurrent use. No secret ever appears in an error, a log line
// or the formatted value of a Config.
package transport
