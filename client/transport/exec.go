package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
)

// execAuthenticator runs an exec credential plugin. (Work in progress: not yet wired.)
type execAuthenticator struct{}

func execAuthenticatorFor(c *Config) (*execAuthenticator, error) {
	if c.Exec == nil {
		return nil, nil
	}
	return nil, errors.New("transport: exec credential plugins are not supported yet")
}

func (a *execAuthenticator) credential(context.Context) (*credential, error) { return nil, nil }

func (a *execAuthenticator) clientCertificate(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
	return &tls.Certificate{}, nil
}

func (a *execAuthenticator) track(*http.Transport) {}
