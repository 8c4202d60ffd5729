package kubeconfig

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kubegen/kubegen/client/transport"
)

// redacted replaces secret values in formatted output.
const redacted = "<redacted>"

// Every type here that holds a secret describes itself as fields: keys in kubeconfig's spelling, with
// tokens, passwords, key data, exec arguments and environment values, auth-provider config, extension
// values and URL passwords replaced. String renders them as "{key: value, ...}", Format prints that
// for every verb (%#v adds the type's name), and MarshalLog (logr.Marshaler, used by klog and the JSON
// log formats) returns them as a map. No path reaches the original fields.

// String describes the user without secrets: paths and names are shown, tokens, passwords, key data
// and exec arguments and environment values are replaced by "<redacted>".
func (a AuthInfo) String() string { return a.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (a AuthInfo) GoString() string { return "kubeconfig.AuthInfo" + a.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (a AuthInfo) Format(s fmt.State, verb rune) { format(s, verb, a) }

// MarshalLog implements logr.Marshaler: loggers print the user without secrets.
func (a AuthInfo) MarshalLog() any { return a.fields().log() }

func (a AuthInfo) fields() fields {
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
		f.nest("auth-provider", a.AuthProvider.fields())
	}
	if a.Exec != nil {
		f.nest("exec", a.Exec.fields())
	}
	f.extensions(a.Extensions)
	f.add("location", a.LocationOfOrigin)
	return f
}

// String describes the plugin without its arguments' or environment's values, which may be secret.
func (e ExecConfig) String() string { return e.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (e ExecConfig) GoString() string { return "kubeconfig.ExecConfig" + e.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (e ExecConfig) Format(s fmt.State, verb rune) { format(s, verb, e) }

// MarshalLog implements logr.Marshaler: loggers print the plugin without secrets.
func (e ExecConfig) MarshalLog() any { return e.fields().log() }

func (e ExecConfig) fields() fields {
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
	return f
}

// String shows the variable's name only.
func (v ExecEnvVar) String() string { return v.Name + "=" + redacted }

// GoString is String, so %#v hides secrets too.
func (v ExecEnvVar) GoString() string { return "kubeconfig.ExecEnvVar{" + v.String() + "}" }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (v ExecEnvVar) Format(s fmt.State, verb rune) { format(s, verb, v) }

// MarshalLog implements logr.Marshaler: loggers print the variable's name only.
func (v ExecEnvVar) MarshalLog() any { return v.String() }

// String shows the provider's name only; its config holds tokens.
func (p AuthProviderConfig) String() string { return p.fields().String() }

// GoString is String, so %#v hides secrets too.
func (p AuthProviderConfig) GoString() string { return "kubeconfig.AuthProviderConfig" + p.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (p AuthProviderConfig) Format(s fmt.State, verb rune) { format(s, verb, p) }

// MarshalLog implements logr.Marshaler: loggers print the provider's name only.
func (p AuthProviderConfig) MarshalLog() any { return p.fields().log() }

func (p AuthProviderConfig) fields() fields {
	f := fields{{"name", p.Name}}
	f.secret("config", len(p.Config) > 0)
	return f
}

// String describes the cluster with the password of a user:password@ in its server or proxy URL
// replaced and its extensions by name only.
func (c Cluster) String() string { return c.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (c Cluster) GoString() string { return "kubeconfig.Cluster" + c.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (c Cluster) Format(s fmt.State, verb rune) { format(s, verb, c) }

// MarshalLog implements logr.Marshaler: loggers print the cluster without secrets.
func (c Cluster) MarshalLog() any { return c.fields().log() }

func (c Cluster) fields() fields {
	var f fields
	f.add("server", transport.RedactURL(c.Server))
	f.add("tls-server-name", c.TLSServerName)
	if c.InsecureSkipTLSVerify {
		f.add("insecure-skip-tls-verify", "true")
	}
	f.add("certificate-authority", c.CertificateAuthority)
	if len(c.CertificateAuthorityData) > 0 {
		f.add("certificate-authority-data", fmt.Sprintf("<%d bytes>", len(c.CertificateAuthorityData)))
	}
	f.add("proxy-url", transport.RedactURL(c.ProxyURL))
	if c.DisableCompression {
		f.add("disable-compression", "true")
	}
	f.extensions(c.Extensions)
	f.add("location", c.LocationOfOrigin)
	return f
}

// String describes the named cluster without secrets.
func (c NamedCluster) String() string { return c.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (c NamedCluster) GoString() string { return "kubeconfig.NamedCluster" + c.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (c NamedCluster) Format(s fmt.State, verb rune) { format(s, verb, c) }

// MarshalLog implements logr.Marshaler: loggers print the named cluster without secrets.
func (c NamedCluster) MarshalLog() any { return c.fields().log() }

func (c NamedCluster) fields() fields {
	return fields{{"name", c.Name}, {"cluster", c.Cluster.fields()}}
}

// String describes the named user without secrets.
func (a NamedAuthInfo) String() string { return a.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (a NamedAuthInfo) GoString() string { return "kubeconfig.NamedAuthInfo" + a.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (a NamedAuthInfo) Format(s fmt.State, verb rune) { format(s, verb, a) }

// MarshalLog implements logr.Marshaler: loggers print the named user without secrets.
func (a NamedAuthInfo) MarshalLog() any { return a.fields().log() }

func (a NamedAuthInfo) fields() fields {
	return fields{{"name", a.Name}, {"user", a.AuthInfo.fields()}}
}

// String describes the whole kubeconfig without secrets: its clusters and users as their own String
// methods show them, and its contexts.
func (c Config) String() string { return c.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (c Config) GoString() string { return "kubeconfig.Config" + c.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (c Config) Format(s fmt.State, verb rune) { format(s, verb, c) }

// MarshalLog implements logr.Marshaler: loggers print the kubeconfig without secrets.
func (c Config) MarshalLog() any { return c.fields().log() }

func (c Config) fields() fields {
	f := fields{{"current-context", c.CurrentContext}}
	clusters := make([]fields, len(c.Clusters))
	for i, nc := range c.Clusters {
		clusters[i] = nc.fields()
	}
	users := make([]fields, len(c.AuthInfos))
	for i, na := range c.AuthInfos {
		users[i] = na.fields()
	}
	contexts := make([]fields, len(c.Contexts))
	for i, nc := range c.Contexts {
		contexts[i] = fields{{"name", nc.Name}, {"cluster", nc.Context.Cluster}, {"user", nc.Context.AuthInfo}}
		contexts[i].add("namespace", nc.Context.Namespace)
	}
	f = append(f, field{"clusters", clusters}, field{"users", users}, field{"contexts", contexts})
	f.extensions(c.Extensions)
	return f
}

// String describes the overrides that are set, without the token and password.
func (o Overrides) String() string { return o.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (o Overrides) GoString() string { return "kubeconfig.Overrides" + o.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (o Overrides) Format(s fmt.State, verb rune) { format(s, verb, o) }

// MarshalLog implements logr.Marshaler: loggers print the overrides without secrets.
func (o Overrides) MarshalLog() any { return o.fields().log() }

func (o Overrides) fields() fields {
	var f fields
	for _, kv := range [][2]string{
		{"context", o.Context}, {"cluster", o.Cluster}, {"user", o.AuthInfo}, {"namespace", o.Namespace},
		{"server", transport.RedactURL(o.Server)}, {"tls-server-name", o.TLSServerName},
		{"certificate-authority", o.CertificateAuthority},
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
	return f
}

// String describes where Load looks and what it overrides, without secrets.
func (o LoadOptions) String() string { return o.fields().String() }

// GoString is String with the type's name, so %#v hides secrets too.
func (o LoadOptions) GoString() string { return "kubeconfig.LoadOptions" + o.String() }

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (o LoadOptions) Format(s fmt.State, verb rune) { format(s, verb, o) }

// MarshalLog implements logr.Marshaler: loggers print the options without secrets.
func (o LoadOptions) MarshalLog() any { return o.fields().log() }

func (o LoadOptions) fields() fields {
	var f fields
	f.add("explicit-path", o.ExplicitPath)
	if o.Paths != nil {
		f.add("paths", fmt.Sprint(o.Paths))
	}
	f.add("home", o.HomeDir)
	f.add("in-cluster-dir", o.InClusterDir)
	if o.DisableInCluster {
		f.add("disable-in-cluster", "true")
	}
	if o.LookupEnv != nil {
		f.add("lookup-env", "<func>")
	}
	f.nest("overrides", o.Overrides.fields())
	return f
}

// Format implements fmt.Formatter: every verb prints String (%#v prints GoString).
func (c ClientConfig) Format(s fmt.State, verb rune) { format(s, verb, c) }

// MarshalLog implements logr.Marshaler: loggers print String.
func (c ClientConfig) MarshalLog() any { return c.String() }

// format prints v's String for every verb but %#v, which prints its GoString, keeping flags and width.
func format(s fmt.State, verb rune, v interface {
	fmt.Stringer
	fmt.GoStringer
}) {
	if verb == 'v' && s.Flag('#') {
		fmt.Fprint(s, v.GoString())
		return
	}
	fmt.Fprintf(s, fmt.FormatString(s, verb), v.String())
}

// field is one key of a redacted description; value is a string, fields or []fields.
type field struct {
	key   string
	value any
}

// fields is a redacted description, in order.
type fields []field

// add appends a key whose value is not empty.
func (f *fields) add(key, value string) {
	if value != "" {
		*f = append(*f, field{key, value})
	}
}

// secret appends a key whose value is redacted, when set.
func (f *fields) secret(key string, set bool) {
	if set {
		f.add(key, redacted)
	}
}

// nest appends a nested description.
func (f *fields) nest(key string, value fields) { *f = append(*f, field{key, value}) }

// extensions appends extension names; their values may hold anything and are not shown.
func (f *fields) extensions(exts []NamedExtension) {
	if len(exts) == 0 {
		return
	}
	names := make([]string, len(exts))
	for i, e := range exts {
		names[i] = e.Name
	}
	f.add("extensions", "["+strings.Join(names, " ")+"]")
}

// String formats the fields as "{key: value, ...}", nested ones alike and lists as "[{...} {...}]".
func (f fields) String() string {
	parts := make([]string, len(f))
	for i, kv := range f {
		var v string
		switch x := kv.value.(type) {
		case string:
			v = x
		case fields:
			v = x.String()
		case []fields:
			items := make([]string, len(x))
			for j, item := range x {
				items[j] = item.String()
			}
			v = "[" + strings.Join(items, " ") + "]"
		}
		parts[i] = kv.key + ": " + v
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// log returns the fields as a map, nested ones alike, for loggers that encode values as JSON.
func (f fields) log() map[string]any {
	m := make(map[string]any, len(f))
	for _, kv := range f {
		switch x := kv.value.(type) {
		case fields:
			m[kv.key] = x.log()
		case []fields:
			items := make([]map[string]any, len(x))
			for j, item := range x {
				items[j] = item.log()
			}
			m[kv.key] = items
		default:
			m[kv.key] = x
		}
	}
	return m
}
