package kubeconfig

import (
	"fmt"
	"sort"
	"strings"
)

// redacted replaces secret values in formatted output.
const redacted = "<redacted>"

// String describes the user without secrets: paths and names are shown, tokens, passwords, key data
// and exec arguments and environment values are replaced by "<redacted>".
func (a AuthInfo) String() string {
	var f fields
	f.add("client-certificate", a.ClientCertificate)
	f.secret("client-certificate-data", len(a.ClientCertificateData) > 0)
	f.add("client-key", a.ClientKey)
	f.secret("client-key-data", len(a.ClientKeyData) > 0)
	f.secret("token", a.Token != "")
	f.add("tokenFile", a.TokenFile)
	f.add("username", a.Username)
	f.secret("password", a.Password != "")
	f.add("as", a.Impersonate)
	f.add("as-uid", a.ImpersonateUID)
	if len(a.ImpersonateGroups) > 0 {
		f.add("as-groups", fmt.Sprint(a.ImpersonateGroups))
	}
	if len(a.ImpersonateUserExtra) > 0 {
		keys := make([]string, 0, len(a.ImpersonateUserExtra))
		for k := range a.ImpersonateUserExtra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		f.add("as-user-extra", fmt.Sprint(keys))
	}
	if a.AuthProvider != nil {
		f.add("auth-provider", a.AuthProvider.String())
	}
	if a.Exec != nil {
		f.add("exec", a.Exec.String())
	}
	f.add("location", a.LocationOfOrigin)
	return f.String()
}

// GoString is String, so %#v hides secrets too.
func (a AuthInfo) GoString() string { return "kubeconfig.AuthInfo" + a.String() }

// String describes the plugin without its arguments' or environment's values, which may be secret.
func (e ExecConfig) String() string {
	var f fields
	f.add("command", e.Command)
	if len(e.Args) > 0 {
		f.add("args", fmt.Sprintf("<%d redacted>", len(e.Args)))
	}
	if len(e.Env) > 0 {
		names := make([]string, len(e.Env))
		for i, v := range e.Env {
			names[i] = v.String()
		}
		f.add("env", "["+strings.Join(names, " ")+"]")
	}
	f.add("apiVersion", e.APIVersion)
	f.add("interactiveMode", e.InteractiveMode)
	if e.ProvideClusterInfo {
		f.add("provideClusterInfo", "true")
	}
	return f.String()
}

// GoString is String, so %#v hides secrets too.
func (e ExecConfig) GoString() string { return "kubeconfig.ExecConfig" + e.String() }

// String shows the variable's name only.
func (v ExecEnvVar) String() string { return v.Name + "=" + redacted }

// GoString is String, so %#v hides secrets too.
func (v ExecEnvVar) GoString() string { return "kubeconfig.ExecEnvVar{" + v.String() + "}" }

// String shows the provider's name only; its config holds tokens.
func (p AuthProviderConfig) String() string {
	return fmt.Sprintf("{name: %s, config: %s}", p.Name, redacted)
}

// GoString is String, so %#v hides secrets too.
func (p AuthProviderConfig) GoString() string { return "kubeconfig.AuthProviderConfig" + p.String() }

// String describes the overrides that are set, without the token and password.
func (o Overrides) String() string {
	var f fields
	for _, kv := range [][2]string{
		{"context", o.Context}, {"cluster", o.Cluster}, {"user", o.AuthInfo}, {"namespace", o.Namespace},
		{"server", o.Server}, {"tls-server-name", o.TLSServerName}, {"certificate-authority", o.CertificateAuthority},
		{"client-certificate", o.ClientCertificate}, {"client-key", o.ClientKey}, {"username", o.Username},
		{"as", o.Impersonate}, {"as-uid", o.ImpersonateUID},
	} {
		f.add(kv[0], kv[1])
	}
	f.secret("token", o.Token != "")
	f.secret("password", o.Password != "")
	if o.InsecureSkipTLSVerify {
		f.add("insecure-skip-tls-verify", "true")
	}
	if o.DisableCompression {
		f.add("disable-compression", "true")
	}
	if len(o.ImpersonateGroups) > 0 {
		f.add("as-group", fmt.Sprint(o.ImpersonateGroups))
	}
	if o.Timeout != 0 {
		f.add("request-timeout", o.Timeout.String())
	}
	return f.String()
}

// GoString is String, so %#v hides secrets too.
func (o Overrides) GoString() string { return "kubeconfig.Overrides" + o.String() }

// fields builds "{key: value, ...}" from the non-empty values added.
type fields []string

func (f *fields) add(key, value string) {
	if value != "" {
		*f = append(*f, key+": "+value)
	}
}

func (f *fields) secret(key string, set bool) {
	if set {
		f.add(key, redacted)
	}
}

// String formats the fields as "{key: value, ...}".
func (f fields) String() string { return "{" + strings.Join(f, ", ") + "}" }
