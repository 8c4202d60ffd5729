package kubeconfig

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/pflag"
)

// BindFlags registers kubectl's connection flags on fs, bound to o: --kubeconfig plus every flag of
// Overrides.BindFlags. Each flag name is prefixed with prefix (e.g. "target-" gives
// --target-kubeconfig); short forms such as -n exist only without a prefix.
func (o *LoadOptions) BindFlags(fs *pflag.FlagSet, prefix string) {
	fs.StringVar(&o.ExplicitPath, prefix+"kubeconfig", o.ExplicitPath,
		"Path to the kubeconfig file to use (default: $KUBECONFIG or ~/.kube/config, else in-cluster).")
	o.Overrides.BindFlags(fs, prefix)
}

// BindFlags registers kubectl-style flags on fs, bound to o: --context, --cluster, --user,
// -n/--namespace, -s/--server, --tls-server-name, --certificate-authority, --insecure-skip-tls-verify,
// --disable-compression, --client-certificate, --client-key, --token, --username, --password, --as,
// --as-uid, --as-group and --request-timeout. Each name is prefixed with prefix; short forms exist only
// without a prefix.
func (o *Overrides) BindFlags(fs *pflag.FlagSet, prefix string) {
	short := func(s string) string {
		if prefix != "" {
			return ""
		}
		return s
	}
	str := func(p *string, name, shorthand, usage string) {
		fs.StringVarP(p, prefix+name, short(shorthand), *p, usage)
	}
	str(&o.Context, "context", "", "The name of the kubeconfig context to use.")
	str(&o.Cluster, "cluster", "", "The name of the kubeconfig cluster to use.")
	str(&o.AuthInfo, "user", "", "The name of the kubeconfig user to use.")
	str(&o.Namespace, "namespace", "n", "The namespace for this request.")
	str(&o.Server, "server", "s", "The address and port of the Kubernetes API server.")
	str(&o.TLSServerName, "tls-server-name", "", "Server name to use for server certificate validation.")
	str(&o.CertificateAuthority, "certificate-authority", "", "Path to a CA certificate file.")
	fs.BoolVar(&o.InsecureSkipTLSVerify, prefix+"insecure-skip-tls-verify", o.InsecureSkipTLSVerify,
		"If true, the server's certificate is not checked. This makes HTTPS connections insecure.")
	fs.BoolVar(&o.DisableCompression, prefix+"disable-compression", o.DisableCompression,
		"If true, opt out of response compression for all requests to the server.")
	str(&o.ClientCertificate, "client-certificate", "", "Path to a client certificate file for TLS.")
	str(&o.ClientKey, "client-key", "", "Path to a client key file for TLS.")
	str(&o.Token, "token", "", "Bearer token for authentication to the API server.")
	str(&o.Username, "username", "", "Username for basic authentication to the API server.")
	str(&o.Password, "password", "", "Password for basic authentication to the API server.")
	str(&o.Impersonate, "as", "", "Username to impersonate for the operation.")
	str(&o.ImpersonateUID, "as-uid", "", "UID to impersonate for the operation.")
	fs.StringArrayVar(&o.ImpersonateGroups, prefix+"as-group", o.ImpersonateGroups,
		"Group to impersonate for the operation; repeat for several groups.")
	fs.Var((*timeoutValue)(&o.Timeout), prefix+"request-timeout",
		"How long to wait before giving up on a request: a duration (1s, 2m, 3h) or a number of seconds; 0 waits forever.")
}

// timeoutValue parses --request-timeout as kubectl does: a Go duration, or a plain number of seconds.
type timeoutValue time.Duration

// String returns the timeout as a duration.
func (v *timeoutValue) String() string { return time.Duration(*v).String() }

// Type names the flag's value type in help output.
func (v *timeoutValue) Type() string { return "duration" }

// Set parses s as a duration or a number of seconds; negative values are refused.
func (v *timeoutValue) Set(s string) error {
	d, err := parseTimeout(s)
	if err != nil {
		return err
	}
	*v = timeoutValue(d)
	return nil
}

func parseTimeout(s string) (time.Duration, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n < 0 || n > int64(time.Duration(1<<63-1)/time.Second) {
			return 0, fmt.Errorf("invalid timeout %q: out of range", s)
		}
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid timeout %q: want a duration such as 30s, or a number of seconds", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("invalid timeout %q: negative", s)
	}
	return d, nil
}
