package transport

import (
	"fmt"
	"net/http"
)

// redacted replaces a secret in formatted configs.
const redacted = "--- REDACTED ---"

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, ...) prints c with its
// secrets replaced: bearer token, password, client certificate and key data, exec plugin environment
// values and cluster extension config. Functions print as "<func>" and a custom Transport as its type.
func (c Config) Format(s fmt.State, verb rune) { fmt.Fprintf(s, fmt.FormatString(s, verb), c.view()) }

// String returns c formatted with %+v, secrets redacted.
func (c Config) String() string { return fmt.Sprintf("%+v", c.view()) }

// GoString returns c formatted with %#v, secrets redacted.
func (c Config) GoString() string { return fmt.Sprintf("%#v", c.view()) }

// Format implements fmt.Formatter for TLSConfig: certificate and key data are redacted.
func (t TLSConfig) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), t.view())
}

// String returns t formatted with %+v, key material redacted.
func (t TLSConfig) String() string { return fmt.Sprintf("%+v", t.view()) }

// GoString returns t formatted with %#v, key material redacted.
func (t TLSConfig) GoString() string { return fmt.Sprintf("%#v", t.view()) }

// Format implements fmt.Formatter for ExecConfig: environment values and cluster config are redacted.
func (e ExecConfig) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), e.view())
}

// String returns e formatted with %+v, secrets redacted.
func (e ExecConfig) String() string { return fmt.Sprintf("%+v", e.view()) }

// GoString returns e formatted with %#v, secrets redacted.
func (e ExecConfig) GoString() string { return fmt.Sprintf("%#v", e.view()) }

// Format implements fmt.Formatter for ExecEnvVar: the value is redacted.
func (v ExecEnvVar) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), envView{Name: v.Name, Value: secret(v.Value)})
}

// The views below mirror the public types with secrets replaced. They have no methods, so fmt prints
// them field by field.

type configView struct {
	UserAgent          string
	TLS                tlsView
	Username           string
	Password           string
	BearerToken        string
	BearerTokenFile    string
	Impersonate        ImpersonationConfig
	Exec               any // execView or nil: a value, so fmt prints its fields instead of an address
	Proxy              string
	DialContext        string
	DisableCompression bool
	Transport          string
	WrapTransport      string
}

type tlsView struct {
	Insecure   bool
	ServerName string
	CAFile     string
	CAData     string
	CertFile   string
	CertData   string
	KeyFile    string
	KeyData    string
	NextProtos []string
}

type execView struct {
	Command            string
	Args               []string
	Env                []envView
	APIVersion         string
	InstallHint        string
	ProvideClusterInfo bool
	Cluster            any // clusterView or nil
	InteractiveMode    string
}

type envView struct {
	Name  string
	Value string
}

type clusterView struct {
	Server                   string
	TLSServerName            string
	InsecureSkipTLSVerify    bool
	CertificateAuthorityData string
	ProxyURL                 string
	DisableCompression       bool
	Config                   string
}

func (c Config) view() configView {
	v := configView{
		UserAgent:          c.UserAgent,
		TLS:                c.TLS.view(),
		Username:           c.Username,
		Password:           secret(c.Password),
		BearerToken:        secret(c.BearerToken),
		BearerTokenFile:    c.BearerTokenFile,
		Impersonate:        c.Impersonate,
		Proxy:              funcSet(c.Proxy != nil),
		DialContext:        funcSet(c.DialContext != nil),
		DisableCompression: c.DisableCompression,
		Transport:          transportType(c.Transport),
		WrapTransport:      funcSet(c.WrapTransport != nil),
	}
	if c.Exec != nil {
		v.Exec = c.Exec.view()
	}
	return v
}

func (t TLSConfig) view() tlsView {
	return tlsView{
		Insecure:   t.Insecure,
		ServerName: t.ServerName,
		CAFile:     t.CAFile,
		CAData:     size(t.CAData),
		CertFile:   t.CertFile,
		CertData:   secretBytes(t.CertData),
		KeyFile:    t.KeyFile,
		KeyData:    secretBytes(t.KeyData),
		NextProtos: t.NextProtos,
	}
}

func (e ExecConfig) view() execView {
	v := execView{
		Command:            e.Command,
		Args:               e.Args,
		APIVersion:         e.APIVersion,
		InstallHint:        e.InstallHint,
		ProvideClusterInfo: e.ProvideClusterInfo,
		InteractiveMode:    e.InteractiveMode,
	}
	for _, env := range e.Env {
		v.Env = append(v.Env, envView{Name: env.Name, Value: secret(env.Value)})
	}
	if c := e.Cluster; c != nil {
		v.Cluster = clusterView{
			Server:                   c.Server,
			TLSServerName:            c.TLSServerName,
			InsecureSkipTLSVerify:    c.InsecureSkipTLSVerify,
			CertificateAuthorityData: size(c.CertificateAuthorityData),
			ProxyURL:                 c.ProxyURL,
			DisableCompression:       c.DisableCompression,
			Config:                   secretBytes(c.Config),
		}
	}
	return v
}

func secret(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

func secretBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return redacted
}

// size describes non-secret but bulky data (CA certificates) by its length.
func size(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return fmt.Sprintf("<%d bytes>", len(b))
}

func funcSet(set bool) string {
	if set {
		return "<func>"
	}
	return ""
}

func transportType(rt http.RoundTripper) string {
	if rt == nil {
		return ""
	}
	return fmt.Sprintf("<%T>", rt)
}
