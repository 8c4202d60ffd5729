package kubeconfig

import (
	"fmt"
	"strings"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// ClientConfig is loaded configuration with its overrides: the merged kubeconfig (or in-cluster
// configuration) and the files it came from. It answers which server, credentials and namespace to
// use. It is immutable and safe for concurrent use.
type ClientConfig struct {
	config    *Config
	files     []string
	overrides Overrides
	inCluster bool
	// currentFrom is the file whose current-context won the merge.
	currentFrom string
}

// NewClientConfig wraps an in-memory Config, such as one built by hand or read with Parse, with
// overrides. Relative paths in cfg are used as they are.
func NewClientConfig(cfg *Config, overrides Overrides) *ClientConfig {
	return newClientConfig(cfg, nil, overrides)
}

func newClientConfig(cfg *Config, files []string, overrides Overrides) *ClientConfig {
	return &ClientConfig{config: cfg, files: files, overrides: overrides}
}

// RawConfig returns the merged kubeconfig, before overrides. For in-cluster configuration it is a
// synthesized config with one cluster, user and context, all named "in-cluster". The result is a
// copy of the top-level lists; callers must not modify the entries' nested values.
func (c *ClientConfig) RawConfig() Config {
	out := *c.config
	out.Clusters = append([]NamedCluster(nil), out.Clusters...)
	out.AuthInfos = append([]NamedAuthInfo(nil), out.AuthInfos...)
	out.Contexts = append([]NamedContext(nil), out.Contexts...)
	return out
}

// Files returns the kubeconfig files that were read, in precedence order.
func (c *ClientConfig) Files() []string { return append([]string(nil), c.files...) }

// InCluster reports whether the configuration came from the in-cluster service account.
func (c *ClientConfig) InCluster() bool { return c.inCluster }

// ContextName returns the name of the selected context: the override, else current-context. It may
// be empty.
func (c *ClientConfig) ContextName() string {
	if c.overrides.Context != "" {
		return c.overrides.Context
	}
	return c.config.CurrentContext
}

// Namespace returns the namespace to use: the override, else the selected context's, else
// "default". overridden reports whether it came from Overrides.Namespace (kubectl's -n), which
// commands use to refuse objects from other namespaces. It fails only when the selected context
// does not exist.
func (c *ClientConfig) Namespace() (namespace string, overridden bool, err error) {
	if c.overrides.Namespace != "" {
		return c.overrides.Namespace, true, nil
	}
	ctx, err := c.context()
	if err != nil {
		return "", false, err
	}
	if ctx.Namespace != "" {
		return ctx.Namespace, false, nil
	}
	return "default", false, nil
}

// RESTConfig builds the rest.Config for the selected context, cluster and user with the overrides
// applied. Errors name the file and entry at fault; none contains a secret. TLS material is loaded
// once here (the CA, the client certificate and key, from data or files), so a missing file or data
// that does not parse is reported with its kubeconfig file and key rather than later, without them,
// when the transport is built. The user's credentials and
// the cluster's TLS settings are left out when the server is plain HTTP (see the package doc).
func (c *ClientConfig) RESTConfig() (*rest.Config, error) {
	sel, err := c.selection()
	if err != nil {
		return nil, err
	}
	return sel.restConfig(c.overrides)
}

// String describes the configuration without secrets: files, context, cluster, user and server.
// It has a value receiver so that formatting a dereferenced ClientConfig cannot print its contents.
func (c ClientConfig) String() string {
	var b strings.Builder
	if c.inCluster {
		b.WriteString("in-cluster")
	} else {
		fmt.Fprintf(&b, "files=%v", c.files)
	}
	fmt.Fprintf(&b, " context=%q", c.ContextName())
	if sel, err := c.selection(); err == nil {
		fmt.Fprintf(&b, " cluster=%q user=%q server=%q", sel.clusterName, sel.userName, transport.RedactURL(sel.cluster.Server))
	}
	return b.String()
}

// GoString is String, so %#v hides secrets too.
func (c ClientConfig) GoString() string { return "kubeconfig.ClientConfig{" + c.String() + "}" }

// sourceDesc names where a merged config came from, for errors that no single file explains.
func (c *ClientConfig) sourceDesc() string {
	switch {
	case c.inCluster:
		return "in-cluster configuration"
	case len(c.files) == 0:
		return "configuration"
	}
	return "files " + strings.Join(c.files, ", ")
}
