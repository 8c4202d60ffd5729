package v1

import (
	utilnet "k8s.io/apimachinery/pkg/util/net"

	"github.com/kubegen/kubegen/client/rest"
)

// NodeExpansion holds client-go's proxy helper for nodes. This file is written by hand; client-gen
// leaves NodeExpansion out of generated_expansion.go because it exists.
type NodeExpansion interface {
	// ProxyGet returns a GET through the API server's proxy to port of the node called name (its
	// kubelet), at path with the query params; scheme is "http", "https" or "" (the server's default).
	ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper
}

// ProxyGet implements NodeExpansion.
func (c *nodes) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	r := c.RESTClient().Get().Resource("nodes").SubResource("proxy").
		Name(utilnet.JoinSchemeNamePort(scheme, name, port)).Suffix(path)
	return withParams(r, params)
}
