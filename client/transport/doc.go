// Package transport turns a Config into an http.RoundTripper that speaks to a Kubernetes API server:
// TLS (CA, client certificates, server name, insecure mode), credentials (bearer token inline or from
// a rotating file, basic auth, exec credential plugins), impersonation, user agent and proxies.
//
// # Layer
//
// transport is the lowest layer of kubegen's runtime: package rest builds on it, and it imports only
// the standard library, its own internal package watchedfile (rotated token and certificate files)
// and the leaf package metrics (to count exec plugin runs).
// It knows nothing about API objects.
//
// # Sharing
//
// New returns round trippers that are safe for concurrent use. Configs with the same TLS material
// (file paths, hashes of inline data), compression setting and exec plugin share one *http.Transport,
// so its connection pool and HTTP/2 sessions are reused by every client built from them. Configs whose
// Proxy or DialContext is set, or that bring their own Transport, are never shared, because functions
// cannot be compared; build such clients once and reuse them. Credentials, user agent and impersonation
// are applied by a thin wrapper and never affect sharing.
//
// # Rotation
//
// A bearer token file is checked with one stat per request and re-read when it changes, so the next
// request after a rotation uses the new token. Client certificate and key files are checked the same
// way at each TLS handshake. Exec plugin credentials are cached until their expirationTimestamp, and
// the plugin runs again after the server answers 401.
//
// # Secrets
//
// No secret ever appears in an error or in the formatted or logged value of a Config: Config,
// TLSConfig, ExecConfig, ExecEnvVar and ExecCluster implement fmt.Formatter, String, GoString and logr's
// MarshalLog (without importing logr), and redact tokens, passwords, certificate and key data, exec
// arguments and environment values and URL passwords (RedactURL) for every verb and log format. Exec plugin errors include the plugin's standard error but never
// its standard output.
package transport
