package kubeconfig

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// restConfig turns the selection into a rest.Config.
func (s *selection) restConfig(o Overrides) (*rest.Config, error) {
	if err := s.checkServer(); err != nil {
		return nil, err
	}
	rc := &rest.Config{
		Host:               s.cluster.Server,
		Timeout:            o.Timeout,
		DisableCompression: s.cluster.DisableCompression,
	}
	if err := s.checkImpersonation(); err != nil {
		return nil, err
	}
	steps := []func(*rest.Config) error{s.setTLS, s.setProxy, s.setCredentials, s.setExec}
	for _, step := range steps {
		if err := step(rc); err != nil {
			return nil, err
		}
	}
	if !rest.IsConfigTransportTLS(*rc) {
		plainHTTP(rc)
	}
	rc.Impersonate = transport.ImpersonationConfig{
		UserName: s.user.Impersonate,
		UID:      s.user.ImpersonateUID,
		Groups:   append([]string(nil), s.user.ImpersonateGroups...),
		Extra:    copyExtra(s.user.ImpersonateUserExtra),
	}
	return rc, nil
}

// clusterError names a key of the selected cluster.
func (s *selection) clusterError(key string, err error) error {
	path := "overrides"
	if s.clusterName != "" {
		path = fmt.Sprintf("clusters %q", s.clusterName)
	}
	return &Error{File: s.cluster.LocationOfOrigin, Path: joinPath(path, key), Err: err}
}

// userError names a key of the selected user.
func (s *selection) userError(key string, err error) error {
	return &Error{File: s.user.LocationOfOrigin, Path: joinPath(s.userLabel, key), Err: err}
}

func (s *selection) checkServer() error {
	server := s.cluster.Server
	if server == "" {
		if s.clusterName == "" && s.contextName == "" {
			return &Error{Err: errors.New("no context selected (current-context is empty) and no server given")}
		}
		if s.clusterName == "" {
			return &Error{Path: fmt.Sprintf("contexts %q", s.contextName), Err: errors.New("names no cluster and no server was given")}
		}
		return s.clusterError("server", errors.New("missing"))
	}
	if !strings.Contains(server, "://") {
		server = "https://" + server
	}
	u, err := url.Parse(server)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return s.clusterError("server", fmt.Errorf("not a valid URL: %w", err))
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return s.clusterError("server", fmt.Errorf("scheme %q is not http or https", u.Scheme))
	}
	if u.Host == "" {
		return s.clusterError("server", errors.New("has no host"))
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return s.clusterError("server", errors.New("must not have a query or fragment"))
	}
	return nil
}

func (s *selection) setTLS(rc *rest.Config) error {
	cl, u := &s.cluster, &s.user
	if err := checkBoth("certificate-authority", cl.CertificateAuthority, cl.CertificateAuthorityData); err != nil {
		return s.clusterError("certificate-authority", err)
	}
	if err := checkBoth("client-certificate", u.ClientCertificate, u.ClientCertificateData); err != nil {
		return s.userError("client-certificate", err)
	}
	if err := checkBoth("client-key", u.ClientKey, u.ClientKeyData); err != nil {
		return s.userError("client-key", err)
	}
	t := transport.TLSConfig{Insecure: cl.InsecureSkipTLSVerify, ServerName: cl.TLSServerName}
	if len(cl.CertificateAuthorityData) > 0 {
		t.CAData = cl.CertificateAuthorityData
	} else {
		t.CAFile = cl.CertificateAuthority
	}
	if t.Insecure && (t.CAFile != "" || len(t.CAData) > 0) {
		return s.clusterError("insecure-skip-tls-verify", errors.New("cannot be combined with certificate-authority(-data)"))
	}
	if len(u.ClientCertificateData) > 0 {
		t.CertData = u.ClientCertificateData
	} else {
		t.CertFile = u.ClientCertificate
	}
	if len(u.ClientKeyData) > 0 {
		t.KeyData = u.ClientKeyData
	} else {
		t.KeyFile = u.ClientKey
	}
	hasCert, hasKey := t.CertFile != "" || len(t.CertData) > 0, t.KeyFile != "" || len(t.KeyData) > 0
	if hasCert != hasKey {
		if hasCert {
			return s.userError("client-certificate", errors.New("given without client-key"))
		}
		return s.userError("client-key", errors.New("given without client-certificate"))
	}
	if err := t.Validate(); err != nil {
		return s.tlsError(err)
	}
	rc.TLSClientConfig = t
	return nil
}

// tlsKeys names, for each transport.TLSConfig field, the kubeconfig key it comes from, whether that
// key belongs to the user (else the cluster), and the override that replaces it.
var tlsKeys = map[string]struct {
	key      string
	user     bool
	override func(o *Overrides) string
}{
	"CAFile":   {"certificate-authority", false, func(o *Overrides) string { return o.CertificateAuthority }},
	"CAData":   {"certificate-authority-data", false, nil},
	"CertFile": {"client-certificate", true, func(o *Overrides) string { return o.ClientCertificate }},
	"CertData": {"client-certificate-data", true, nil},
	"KeyFile":  {"client-key", true, func(o *Overrides) string { return o.ClientKey }},
	"KeyData":  {"client-key-data", true, nil},
}

// tlsError turns the transport's *TLSError into an *Error naming the kubeconfig file, entry and key
// (or the override) the material came from.
func (s *selection) tlsError(err error) error {
	var te *transport.TLSError
	if !errors.As(err, &te) {
		return &Error{Err: err}
	}
	k, ok := tlsKeys[te.Field]
	switch {
	case !ok:
		return &Error{Err: err}
	case k.override != nil && k.override(&s.overrides) != "":
		return &Error{Path: joinPath("overrides", k.key), Err: te.Err}
	case k.user:
		return s.userError(k.key, te.Err)
	default:
		return s.clusterError(k.key, te.Err)
	}
}

func (s *selection) setProxy(rc *rest.Config) error {
	if s.cluster.ProxyURL == "" {
		return nil
	}
	u, err := parseProxyURL(s.cluster.ProxyURL)
	if err != nil {
		return s.clusterError("proxy-url", err)
	}
	rc.Proxy = http.ProxyURL(u)
	return nil
}

// parseProxyURL accepts http, https and socks5 proxy URLs. Its errors never repeat the URL, which may
// hold a password.
func parseProxyURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("not a valid URL: %w", err)
	}
	switch u.Scheme {
	case "http", "https", "socks5":
	default:
		return nil, fmt.Errorf("scheme %q is not http, https or socks5", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("has no host")
	}
	return u, nil
}

func (s *selection) setCredentials(rc *rest.Config) error {
	u := &s.user
	if u.AuthProvider != nil {
		return s.userError("auth-provider", fmt.Errorf("%q is %w by kubegen; use an exec credential plugin instead", u.AuthProvider.Name, ErrUnsupported))
	}
	hasToken, hasBasic := u.Token != "" || u.TokenFile != "", u.Username != "" || u.Password != ""
	if hasToken && hasBasic {
		return s.userError("", errors.New("more than one authentication method (token and username/password); only one is allowed"))
	}
	rc.BearerToken, rc.BearerTokenFile = u.Token, u.TokenFile
	rc.Username, rc.Password = u.Username, u.Password
	return nil
}

// plainHTTP drops the user's credentials and the cluster's TLS settings from a config whose server is
// reached over plain HTTP, as clientcmd does: nothing secret may cross the network in clear text.
// The settings were still checked, so a broken kubeconfig fails the same way whatever its scheme.
func plainHTTP(rc *rest.Config) {
	rc.TLSClientConfig = transport.TLSConfig{}
	rc.BearerToken, rc.BearerTokenFile = "", ""
	rc.Username, rc.Password = "", ""
	rc.ExecProvider = nil
}

func copyExtra(in map[string][]string) map[string][]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string][]string, len(in))
	for k, v := range in {
		out[k] = append([]string(nil), v...)
	}
	return out
}
