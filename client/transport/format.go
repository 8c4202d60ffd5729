package transport

import (
	"fmt"
	"net/http"
	"strings"
)

// redacted replaces a secret in formatted configs.
const redacted = "--- REDACTED ---"

// Every type that holds a secret formats through a view: a copy without methods in which secrets are
// replaced, so no verb, no logger and no JSON encoder can reach the original fields. Format, String and
// GoString print the view with fmt; MarshalLog (logr.Marshaler, used by klog and the JSON log formats)
// returns it.

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %d, ...) prints c with its
// secrets replaced: bearer token, password, client certificate and key data, exec plugin arguments and
// environment values, cluster extension config and URL passwords. Functions print as "<func>" and a
// custom Transport as its type.
func (c Config) Format(s fmt.State, verb rune) { formatView(s, verb, c.view()) }

// String returns c formatted with %+v, secrets redacted.
func (c Config) String() string { return fmt.Sprintf("%+v", c.view()) }

// GoString returns c formatted with %#v, secrets redacted.
func (c Config) GoString() string { return fmt.Sprintf("%#v", c.view()) }

// MarshalLog implements logr.Marshaler: loggers print c with secrets redacted.
func (c Config) MarshalLog() any { return c.view() }

// Format implements fmt.Formatter for TLSConfig: certificate and key data are redacted.
func (t TLSConfig) Format(s fmt.State, verb rune) { formatView(s, verb, t.view()) }

// String returns t formatted with %+v, key material redacted.
func (t TLSConfig) String() string { return fmt.Sprintf("%+v", t.view()) }

// GoString returns t formatted with %#v, key material redacted.
func (t TLSConfig) GoString() string { return fmt.Sprintf("%#v", t.view()) }

// MarshalLog implements logr.Marshaler: loggers print t with key material redacted.
func (t TLSConfig) MarshalLog() any { return t.view() }

// Format implements fmt.Formatter for ExecConfig: arguments, environment values and the cluster's
// secrets are redacted.
func (e ExecConfig) Format(s fmt.State, verb rune) { formatView(s, verb, e.view()) }

// String returns e formatted with %+v, secrets redacted.
func (e ExecConfig) String() string { return fmt.Sprintf("%+v", e.view()) }

// GoString returns e formatted with %#v, secrets redacted.
func (e ExecConfig) GoString() string { return fmt.Sprintf("%#v", e.view()) }

// MarshalLog implements logr.Marshaler: loggers print e with secrets redacted.
func (e ExecConfig) MarshalLog() any { return e.view() }

// Format implements fmt.Formatter for ExecEnvVar: the value is redacted.
func (v ExecEnvVar) Format(s fmt.State, verb rune) { formatView(s, verb, v.view()) }

// String returns v formatted with %+v, its value redacted.
func (v ExecEnvVar) String() string { return fmt.Sprintf("%+v", v.view()) }

// GoString returns v formatted with %#v, its value redacted.
func (v ExecEnvVar) GoString() string { return fmt.Sprintf("%#v", v.view()) }

// MarshalLog implements logr.Marshaler: loggers print v with its value redacted.
func (v ExecEnvVar) MarshalLog() any { return v.view() }

// Format implements fmt.Formatter for ExecCluster: the extension config and URL passwords are redacted.
func (c ExecCluster) Format(s fmt.State, verb rune) { formatView(s, verb, c.view()) }

// String returns c formatted with %+v, secrets redacted.
func (c ExecCluster) String() string { return fmt.Sprintf("%+v", c.view()) }

// GoString returns c formatted with %#v, secrets redacted.
func (c ExecCluster) GoString() string { return fmt.Sprintf("%#v", c.view()) }

// MarshalLog implements logr.Marshaler: loggers print c with secrets redacted.
func (c ExecCluster) MarshalLog() any { return c.view() }

// formatView prints a view with the verb and flags s was given.
func formatView(s fmt.State, verb rune, view any) { fmt.Fprintf(s, fmt.FormatString(s, verb), view) }

// The views below mirror the public types with secrets replaced. They have no methods, so fmt and
// encoding/json print them field by field.

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
	WrapBase           string
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
		Transport:          typeName(c.Transport),
		WrapTransport:      funcSet(c.WrapTransport != nil),
		WrapBase:           funcSet(c.WrapBase != nil),
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
		Args:               redactArgs(e.Args),
		APIVersion:         e.APIVersion,
		InstallHint:        e.InstallHint,
		ProvideClusterInfo: e.ProvideClusterInfo,
		InteractiveMode:    e.InteractiveMode,
	}
	for _, env := range e.Env {
		v.Env = append(v.Env, env.view())
	}
	if e.Cluster != nil {
		v.Cluster = e.Cluster.view()
	}
	return v
}

func (v ExecEnvVar) view() envView { return envView{Name: v.Name, Value: secret(v.Value)} }

func (c ExecCluster) view() clusterView {
	return clusterView{
		Server:                   RedactURL(c.Server),
		TLSServerName:            c.TLSServerName,
		InsecureSkipTLSVerify:    c.InsecureSkipTLSVerify,
		CertificateAuthorityData: size(c.CertificateAuthorityData),
		ProxyURL:                 RedactURL(c.ProxyURL),
		DisableCompression:       c.DisableCompression,
		Config:                   secretBytes(c.Config),
	}
}

func secret(s string) string {
	if s == "" {
		return ""
	}
	return redacted
}

// secretBytes describes secret data for formatted output: "" when empty, else a fixed
// "--- REDACTED ---" that tells nothing about the data.
func secretBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return redacted
}

// redactArgs returns a copy of a command line with every argument replaced, since arguments often carry
// tokens; nil for none. The count is kept.
func redactArgs(args []string) []string {
	if len(args) == 0 {
		return nil
	}
	out := make([]string, len(args))
	for i := range out {
		out[i] = redacted
	}
	return out
}

// size describes non-secret but bulky data (CA certificates) by its length for formatted output.
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

// typeName describes a round tripper by its type: "" for nil, else "<T>".
func typeName(v http.RoundTripper) string {
	if v == nil {
		return ""
	}
	return fmt.Sprintf("<%T>", v)
}

// RedactURL returns a URL (or host:port) as it may be printed: a password in its user information
// becomes "xxxxx", as url.URL.Redacted does, and user information without a password is replaced
// whole, since it may be a token. It needs no valid URL: a string that does not parse is redacted too.
func RedactURL(s string) string {
	rest := s
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return s
	}
	prefix := s[:len(s)-len(rest)]
	if user, _, hasPassword := strings.Cut(rest[:at], ":"); hasPassword {
		return prefix + user + ":xxxxx" + rest[at:]
	}
	return prefix + "xxxxx" + rest[at:]
}

// Format implements fmt.Formatter so a credential never prints its Authorization value.
func (c *credential) Format(s fmt.State, verb rune) { formatView(s, verb, "<credential>") }

// Format implements fmt.Formatter so an exec plugin's result never prints its token or key.
func (c *execCredential) Format(s fmt.State, verb rune) {
	formatView(s, verb, struct {
		Token, Certificate bool
		Expiry             string
	}{c.cred != nil && c.cred.header != nil, c.cert != nil, c.expiry.String()})
}

// Format implements fmt.Formatter so the plugin's answer never prints its token or key.
func (s execStatus) Format(st fmt.State, verb rune) {
	formatView(st, verb, struct{ Token, ClientCertificateData, ClientKeyData string }{
		secret(s.Token), secret(s.ClientCertificateData), secret(s.ClientKeyData)})
}
