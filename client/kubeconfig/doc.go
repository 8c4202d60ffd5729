// Package kubeconfig turns kubeconfig files and in-cluster service-account configuration into a
// *rest.Config, following the rules kubectl users know.
//
// # Loading
//
// Load finds configuration in this order:
//
//  1. LoadOptions.ExplicitPath (the --kubeconfig flag), which must exist;
//  2. the files listed in $KUBECONFIG (separated by os.PathListSeparator), merged: the first file
//     to define a cluster, user or context name wins, and current-context comes from the first file
//     that sets it; missing files are skipped;
//  3. ~/.kube/config;
//  4. the in-cluster configuration of a pod (see InClusterConfig).
//
// Relative paths in a file (certificate-authority, client-certificate, client-key, tokenFile, and
// an exec command containing a slash) are resolved against that file's directory.
//
// The result, a ClientConfig, selects a context (current-context or Overrides.Context), its cluster
// and user, applies Overrides, and answers RESTConfig and Namespace:
//
//	opts := kubeconfig.LoadOptions{}
//	opts.BindFlags(pflag.CommandLine, "") // --kubeconfig, --context, -n, --server, --token, ...
//	pflag.Parse()
//	cc, err := kubeconfig.Load(opts)
//	...
//	cfg, err := cc.RESTConfig()
//	ns, _, err := cc.Namespace()
//
// RESTConfig and ConfigFromFlags are one-call shortcuts.
//
// # Files
//
// Config mirrors the v1 file format. Parse and LoadFile read it leniently, as kubectl does (unknown
// keys are ignored), but a value of the wrong type, bad base64, an entry without a name or a
// duplicate name is an error. Errors are *Error values naming the file and key path, for example:
//
//	kubeconfig /home/me/.kube/config: users[1] "bob": client-certificate-data: illegal base64 data at input byte 4
//
// A missing kubeconfig reports the paths tried (ErrNoConfig); references to undefined contexts,
// clusters or users name them (ErrNotFound); legacy auth-provider users fail with ErrUnsupported.
// Marshal and WriteFile write a Config back.
//
// # Credentials
//
// Client certificates, bearer tokens (inline or a tokenFile that the transport re-reads as it
// rotates), basic auth, impersonation and exec credential plugins are supported. For an exec plugin
// with provideClusterInfo, the cluster's server, CA (read from its file if need be), TLS server name,
// proxy and its client.authentication.k8s.io/exec extension are passed on.
//
// As with clientcmd, credentials and TLS settings are applied only when the server is reached over
// https: a server of http://… gets neither, so no token or password ever crosses the network in
// clear text. A server without a scheme is https when the cluster or user has TLS settings (a CA,
// insecure-skip-tls-verify or a client certificate) and plain HTTP otherwise. No error and no
// formatted or logged value of this package (every fmt verb, klog's text output and the JSON log
// formats, through Format, String, GoString and MarshalLog) contains a token, password, key, exec
// argument or environment value, or the password of a server or proxy URL.
//
// # Layer
//
// kubeconfig sits above client/rest and client/transport, whose configuration types it fills, and
// below typed clients, discovery, dynamic and cache. It imports only rest, transport, pflag and
// sigs.k8s.io/yaml, never a higher layer.
package kubeconfig
