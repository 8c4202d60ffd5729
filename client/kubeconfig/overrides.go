package kubeconfig

import "time"

// Overrides replace parts of the selected context, cluster and user, as kubectl's global flags do.
// Empty fields (and false booleans) leave the kubeconfig's values alone. BindFlags binds them to
// command-line flags.
type Overrides struct {
	// Context selects a context instead of current-context (--context).
	Context string
	// Cluster selects a cluster instead of the context's (--cluster).
	Cluster string
	// AuthInfo selects a user instead of the context's (--user).
	AuthInfo string
	// Namespace replaces the context's namespace (-n, --namespace).
	Namespace string

	// Server replaces the cluster's server (--server). Unless TLSServerName is also given, the
	// cluster's tls-server-name is dropped, since it belonged to the old server.
	Server string
	// TLSServerName replaces the cluster's tls-server-name (--tls-server-name).
	TLSServerName string
	// CertificateAuthority replaces the cluster's CA with a file, and turns off insecure mode
	// (--certificate-authority).
	CertificateAuthority string
	// InsecureSkipTLSVerify turns off server certificate verification and drops the cluster's CA
	// (--insecure-skip-tls-verify). Testing only.
	InsecureSkipTLSVerify bool
	// DisableCompression turns off response compression (--disable-compression).
	DisableCompression bool

	// ClientCertificate replaces the user's client certificate with a file (--client-certificate).
	ClientCertificate string
	// ClientKey replaces the user's client key with a file (--client-key).
	ClientKey string
	// Token replaces the user's credentials with a bearer token (--token): token files, basic auth
	// and exec plugins of the user are dropped.
	Token string
	// Username replaces the user's basic-auth name (--username).
	Username string
	// Password replaces the user's basic-auth password (--password).
	Password string
	// Impersonate replaces the user to act as (--as).
	Impersonate string
	// ImpersonateUID replaces the UID to act as (--as-uid).
	ImpersonateUID string
	// ImpersonateGroups replace the groups to act as (--as-group, repeatable).
	ImpersonateGroups []string

	// Timeout bounds each request (--request-timeout); zero means no timeout.
	Timeout time.Duration
}

// applyCluster applies the cluster overrides to c.
func (o *Overrides) applyCluster(c *Cluster) {
	if o.Server != "" {
		c.Server = o.Server
		c.TLSServerName = ""
	}
	if o.TLSServerName != "" {
		c.TLSServerName = o.TLSServerName
	}
	if o.CertificateAuthority != "" {
		c.CertificateAuthority, c.CertificateAuthorityData = o.CertificateAuthority, nil
		c.InsecureSkipTLSVerify = false
	}
	if o.InsecureSkipTLSVerify {
		c.InsecureSkipTLSVerify = true
		c.CertificateAuthority, c.CertificateAuthorityData = "", nil
	}
	if o.DisableCompression {
		c.DisableCompression = true
	}
}

// applyAuthInfo applies the user overrides to a.
func (o *Overrides) applyAuthInfo(a *AuthInfo) {
	if o.ClientCertificate != "" {
		a.ClientCertificate, a.ClientCertificateData = o.ClientCertificate, nil
	}
	if o.ClientKey != "" {
		a.ClientKey, a.ClientKeyData = o.ClientKey, nil
	}
	if o.Token != "" {
		a.Token, a.TokenFile = o.Token, ""
		a.Username, a.Password = "", ""
		a.Exec, a.AuthProvider = nil, nil
	}
	if o.Username != "" || o.Password != "" {
		a.Username, a.Password = o.Username, o.Password
		a.Token, a.TokenFile = "", ""
	}
	if o.Impersonate != "" {
		a.Impersonate = o.Impersonate
	}
	if o.ImpersonateUID != "" {
		a.ImpersonateUID = o.ImpersonateUID
	}
	if len(o.ImpersonateGroups) > 0 {
		a.ImpersonateGroups = append([]string(nil), o.ImpersonateGroups...)
	}
}
