package kubeconfig

import "encoding/json"

// Config is one kubeconfig file, or the merge of several, in the v1 file format: named clusters,
// users and contexts, the current context, preferences and extensions. Lists keep the order of the
// file, so a Config written back with Marshal reads like the original.
//
// Relative paths inside a Config loaded from a file (certificate and key files, token files, exec
// commands containing a slash) have already been made absolute against that file's directory.
type Config struct {
	// APIVersion is "v1"; Marshal fills it in when empty.
	APIVersion string `json:"apiVersion,omitempty"`
	// Kind is "Config"; Marshal fills it in when empty.
	Kind string `json:"kind,omitempty"`
	// Preferences holds client preferences; kubegen does not act on them.
	Preferences Preferences `json:"preferences"`
	// Clusters are the API servers this file knows, by name.
	Clusters []NamedCluster `json:"clusters"`
	// AuthInfos are the users (credentials) this file knows, by name; the file calls them "users".
	AuthInfos []NamedAuthInfo `json:"users"`
	// Contexts pair a cluster with a user and a default namespace, by name.
	Contexts []NamedContext `json:"contexts"`
	// CurrentContext names the context used when none is chosen explicitly.
	CurrentContext string `json:"current-context"`
	// Extensions hold arbitrary additional information, by name.
	Extensions []NamedExtension `json:"extensions,omitempty"`
}

// Preferences are client preferences recorded in a kubeconfig.
type Preferences struct {
	// Colors asks for coloured output.
	Colors bool `json:"colors,omitempty"`
	// Extensions hold arbitrary additional information, by name.
	Extensions []NamedExtension `json:"extensions,omitempty"`
}

// NamedCluster is a cluster with its name, as it appears in the "clusters" list.
type NamedCluster struct {
	// Name is how contexts refer to the cluster.
	Name string `json:"name"`
	// Cluster holds the connection details.
	Cluster Cluster `json:"cluster"`
}

// Cluster says how to reach and verify one API server.
type Cluster struct {
	// Server is the API server's URL, https://host:port[/path].
	Server string `json:"server"`
	// TLSServerName is the name the server's certificate is checked against, when it differs from
	// the host in Server.
	TLSServerName string `json:"tls-server-name,omitempty"`
	// InsecureSkipTLSVerify disables verification of the server's certificate. Testing only.
	InsecureSkipTLSVerify bool `json:"insecure-skip-tls-verify,omitempty"`
	// CertificateAuthority is the path of a PEM file of CA certificates.
	CertificateAuthority string `json:"certificate-authority,omitempty"`
	// CertificateAuthorityData is PEM CA certificates inline (base64 in the file); it wins over
	// CertificateAuthority.
	CertificateAuthorityData []byte `json:"certificate-authority-data,omitempty"`
	// ProxyURL is the proxy used to reach the server: http, https or socks5.
	ProxyURL string `json:"proxy-url,omitempty"`
	// DisableCompression turns off response compression for requests to this server.
	DisableCompression bool `json:"disable-compression,omitempty"`
	// Extensions hold additional information, notably ExecExtensionName for exec plugins.
	Extensions []NamedExtension `json:"extensions,omitempty"`

	// LocationOfOrigin is the file this cluster was read from; it is never written.
	LocationOfOrigin string `json:"-"`
}

// NamedAuthInfo is a user with its name, as it appears in the "users" list.
type NamedAuthInfo struct {
	// Name is how contexts refer to the user.
	Name string `json:"name"`
	// AuthInfo holds the credentials.
	AuthInfo AuthInfo `json:"user"`
}

// AuthInfo holds the credentials of one user: client certificates, bearer tokens, basic auth or an
// exec plugin, plus impersonation. Its String and GoString methods never show secrets.
type AuthInfo struct {
	// ClientCertificate is the path of a PEM client certificate.
	ClientCertificate string `json:"client-certificate,omitempty"`
	// ClientCertificateData is a PEM client certificate inline; it wins over ClientCertificate.
	ClientCertificateData []byte `json:"client-certificate-data,omitempty"`
	// ClientKey is the path of the PEM private key of the client certificate.
	ClientKey string `json:"client-key,omitempty"`
	// ClientKeyData is the PEM private key inline; it wins over ClientKey.
	ClientKeyData []byte `json:"client-key-data,omitempty"`
	// Token is a bearer token.
	Token string `json:"token,omitempty"`
	// TokenFile is the path of a file holding a bearer token, re-read as it rotates.
	TokenFile string `json:"tokenFile,omitempty"`
	// Impersonate is the user to act as.
	Impersonate string `json:"as,omitempty"`
	// ImpersonateUID is the UID to act as.
	ImpersonateUID string `json:"as-uid,omitempty"`
	// ImpersonateGroups are the groups to act as.
	ImpersonateGroups []string `json:"as-groups,omitempty"`
	// ImpersonateUserExtra are extra attributes of the impersonated user.
	ImpersonateUserExtra map[string][]string `json:"as-user-extra,omitempty"`
	// Username is the basic-auth user name. Testing only: kube-apiserver no longer accepts basic auth.
	Username string `json:"username,omitempty"`
	// Password is the basic-auth password.
	Password string `json:"password,omitempty"`
	// AuthProvider is the legacy auth-provider stanza. kubegen reads it but refuses to use it: use an
	// exec plugin instead.
	AuthProvider *AuthProviderConfig `json:"auth-provider,omitempty"`
	// Exec runs a credential plugin.
	Exec *ExecConfig `json:"exec,omitempty"`
	// Extensions hold arbitrary additional information, by name.
	Extensions []NamedExtension `json:"extensions,omitempty"`

	// LocationOfOrigin is the file this user was read from; it is never written.
	LocationOfOrigin string `json:"-"`
}

// AuthProviderConfig is the legacy auth-provider stanza (gcp, azure, oidc). It is parsed so that a
// kubeconfig using it loads, but building a rest.Config for such a user fails with ErrUnsupported.
type AuthProviderConfig struct {
	// Name is the provider's name.
	Name string `json:"name"`
	// Config is the provider's settings; it may hold tokens and is never printed.
	Config map[string]string `json:"config,omitempty"`
}

// ExecConfig describes an exec credential plugin (client.authentication.k8s.io).
type ExecConfig struct {
	// Command is the program to run. A bare name is looked up in PATH; a relative path containing a
	// slash is resolved against the kubeconfig file's directory.
	Command string `json:"command"`
	// Args are passed to the command.
	Args []string `json:"args,omitempty"`
	// Env are added to the command's environment.
	Env []ExecEnvVar `json:"env,omitempty"`
	// APIVersion is client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1.
	APIVersion string `json:"apiVersion"`
	// InstallHint is shown when Command cannot be found.
	InstallHint string `json:"installHint,omitempty"`
	// ProvideClusterInfo passes the cluster's details to the plugin in KUBERNETES_EXEC_INFO.
	ProvideClusterInfo bool `json:"provideClusterInfo,omitempty"`
	// InteractiveMode is Never, IfAvailable or Always; required by v1.
	InteractiveMode string `json:"interactiveMode,omitempty"`
}

// ExecEnvVar is one environment variable for an exec plugin.
type ExecEnvVar struct {
	// Name is the variable's name.
	Name string `json:"name"`
	// Value is the variable's value; it may be secret and is never printed.
	Value string `json:"value"`
}

// NamedContext is a context with its name, as it appears in the "contexts" list.
type NamedContext struct {
	// Name is how current-context and --context refer to the context.
	Name string `json:"name"`
	// Context pairs a cluster, a user and a namespace.
	Context Context `json:"context"`
}

// Context pairs a cluster with a user and a default namespace.
type Context struct {
	// Cluster names an entry of Config.Clusters.
	Cluster string `json:"cluster"`
	// AuthInfo names an entry of Config.AuthInfos; the file calls it "user".
	AuthInfo string `json:"user"`
	// Namespace is the default namespace; "default" when empty.
	Namespace string `json:"namespace,omitempty"`
	// Extensions hold arbitrary additional information, by name.
	Extensions []NamedExtension `json:"extensions,omitempty"`

	// LocationOfOrigin is the file this context was read from; it is never written.
	LocationOfOrigin string `json:"-"`
}

// NamedExtension is an arbitrary object attached to a kubeconfig entry, by name.
type NamedExtension struct {
	// Name identifies the extension, e.g. ExecExtensionName.
	Name string `json:"name"`
	// Extension is the extension's value as JSON.
	Extension json.RawMessage `json:"extension"`
}

// ExecExtensionName is the cluster extension whose value is passed to exec plugins as
// the cluster's config when provideClusterInfo is set.
const ExecExtensionName = "client.authentication.k8s.io/exec"

// Cluster returns the cluster called name, or nil.
func (c *Config) Cluster(name string) *Cluster {
	for i := range c.Clusters {
		if c.Clusters[i].Name == name {
			return &c.Clusters[i].Cluster
		}
	}
	return nil
}

// AuthInfo returns the user called name, or nil.
func (c *Config) AuthInfo(name string) *AuthInfo {
	for i := range c.AuthInfos {
		if c.AuthInfos[i].Name == name {
			return &c.AuthInfos[i].AuthInfo
		}
	}
	return nil
}

// Context returns the context called name, or nil.
func (c *Config) Context(name string) *Context {
	for i := range c.Contexts {
		if c.Contexts[i].Name == name {
			return &c.Contexts[i].Context
		}
	}
	return nil
}

// extension returns the value of the extension called name, or nil.
func extension(exts []NamedExtension, name string) json.RawMessage {
	for _, e := range exts {
		if e.Name == name {
			return e.Extension
		}
	}
	return nil
}
