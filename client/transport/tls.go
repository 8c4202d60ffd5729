package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"slices"

	"github.com/kubegen/kubegen/client/transport/internal/watchedfile"
)

// TLSConfigFor returns the TLS client configuration described by c: the trusted CAs, the server name,
// insecure mode, ALPN protocols and the client certificate. A client certificate read from files is
// re-read when the files change on disk, so rotated certificates are used for new connections. When c
// has an exec plugin and no static client certificate, certificates returned by the plugin are used.
//
// The result is never nil, so callers that dial by hand (upgrades, WebSockets) can use it directly.
func TLSConfigFor(c *Config) (*tls.Config, error) {
	if c == nil {
		return nil, errNilConfig
	}
	exec, err := execAuthenticatorFor(c)
	if err != nil {
		return nil, err
	}
	return tlsConfigFor(c, exec)
}

var errNilConfig = errors.New("transport: nil Config")

func tlsConfigFor(c *Config, exec *execAuthenticator) (*tls.Config, error) {
	t := &c.TLS
	if t.Insecure && t.hasCA() {
		return nil, errors.New("transport: a CA and insecure mode cannot both be set")
	}
	cfg := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: t.Insecure, //nolint:gosec // explicitly requested, documented as testing only
		ServerName:         t.ServerName,
		NextProtos:         slices.Clone(t.NextProtos),
	}
	pool, err := t.rootCAs()
	if err != nil {
		return nil, err
	}
	cfg.RootCAs = pool
	get, err := t.clientCertificate()
	if err != nil {
		return nil, err
	}
	if get == nil && exec != nil {
		get = exec.clientCertificate
	}
	cfg.GetClientCertificate = get
	return cfg, nil
}

func (t *TLSConfig) hasCA() bool { return len(t.CAData) > 0 || t.CAFile != "" }

func (t *TLSConfig) hasCert() bool {
	return len(t.CertData) > 0 || t.CertFile != "" || len(t.KeyData) > 0 || t.KeyFile != ""
}

// rootCAs returns the configured CA pool, or nil for the system roots. Its errors are *TLSError.
func (t *TLSConfig) rootCAs() (*x509.CertPool, error) {
	data, field, err := readMaterial(t.CAData, "CAData", t.CAFile, "CAFile")
	if err != nil || field == "" {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		msg := "no PEM certificates found"
		if field == "CAFile" {
			msg += " in " + t.CAFile
		}
		return nil, &TLSError{Field: field, Err: errors.New(msg)}
	}
	return pool, nil
}

// clientCertificate returns the GetClientCertificate hook for the configured certificate and key, or
// nil when there is none. Inline data is parsed once; files are watched. The pair is loaded once here
// so that a bad certificate is reported by New rather than at the first handshake.
func (t *TLSConfig) clientCertificate() (func(*tls.CertificateRequestInfo) (*tls.Certificate, error), error) {
	if !t.hasCert() {
		return nil, nil
	}
	hasCert := len(t.CertData) > 0 || t.CertFile != ""
	hasKey := len(t.KeyData) > 0 || t.KeyFile != ""
	if !hasCert || !hasKey {
		return nil, errors.New("transport: a client certificate needs both a certificate and a key")
	}
	src := newCertSource(t)
	if _, err := src.Get(); err != nil {
		return nil, fmt.Errorf("transport: loading client certificate: %w", err)
	}
	return func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return src.Get() }, nil
}

// certSource yields the client certificate, re-reading whichever of certificate and key come from files.
type certSource interface {
	Get() (*tls.Certificate, error)
}

type staticCert struct {
	cert *tls.Certificate
	err  error
}

func (s staticCert) Get() (*tls.Certificate, error) { return s.cert, s.err }

func newCertSource(t *TLSConfig) certSource {
	certData, keyData := t.CertData, t.KeyData
	var paths []string
	certIdx, keyIdx := -1, -1
	if len(certData) == 0 {
		certIdx, paths = len(paths), append(paths, t.CertFile)
	}
	if len(keyData) == 0 {
		keyIdx, paths = len(paths), append(paths, t.KeyFile)
	}
	if len(paths) == 0 {
		cert, err := parseKeyPair(certData, keyData)
		return staticCert{cert, err}
	}
	return watchedfile.New(func(contents [][]byte) (*tls.Certificate, error) {
		c, k := certData, keyData
		if certIdx >= 0 {
			c = contents[certIdx]
		}
		if keyIdx >= 0 {
			k = contents[keyIdx]
		}
		return parseKeyPair(c, k)
	}, paths...)
}

// parseKeyPair parses a PEM certificate and key. Its errors never contain key material.
func parseKeyPair(certPEM, keyPEM []byte) (*tls.Certificate, error) {
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("invalid client certificate or key: %w", err)
	}
	return &cert, nil
}
