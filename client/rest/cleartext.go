package rest

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/kubegen/kubegen/client/transport"
)

// ErrCleartextCredentials is returned (wrapped) when a Config holds credentials but its Host is a
// plain-HTTP address other than loopback: they would cross the network in clear text.
var ErrCleartextCredentials = errors.New("credentials would be sent in clear text over plain HTTP")

// IsConfigTransportTLS reports whether the server of c is reached over https: Host says https://, or
// has no scheme while c configures TLS (a CA, a client certificate or Insecure), as in client-go.
func IsConfigTransportTLS(c Config) bool {
	u, err := baseURL(&c)
	return err == nil && u.Scheme == "https"
}

// CheckCleartext returns an error wrapping ErrCleartextCredentials when c has a bearer token, token
// file, basic auth or exec plugin and its Host is plain HTTP to a host other than localhost or a
// loopback address. RESTClientFor, UnversionedRESTClientFor and HTTPClientFor call it; a Host that
// does not parse is left for them to report.
func CheckCleartext(c *Config) error {
	what := c.credentialKinds()
	if what == "" {
		return nil
	}
	u, err := baseURL(c)
	if err != nil || u.Scheme != "http" || isLoopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("rest: refusing to send %s to %s: %w; use https:// (plain HTTP is allowed for loopback addresses only)",
		what, transport.RedactURL(c.Host), ErrCleartextCredentials)
}

// credentialKinds names the credentials c would send, "" when none.
func (c *Config) credentialKinds() string {
	var kinds []string
	if c.BearerToken != "" || c.BearerTokenFile != "" {
		kinds = append(kinds, "a bearer token")
	}
	if c.Username != "" || c.Password != "" {
		kinds = append(kinds, "basic-auth credentials")
	}
	if c.ExecProvider != nil {
		kinds = append(kinds, "exec plugin credentials")
	}
	return strings.Join(kinds, " and ")
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
