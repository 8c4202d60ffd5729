package v1

import (
	utilnet "k8s.io/apimachinery/pkg/util/net"

	"github.com/kubegen/kubegen/client/rest"
)

// ServiceExpansion holds client-go's proxy helper for services. This file is written by hand;
// client-gen leaves ServiceExpansion out of generated_expansion.go because it exists.
type ServiceExpansion interface {
	// ProxyGet returns a GET through the API server's proxy to port of the service called name, at
	// path with the query params; scheme is "http", "https" or "" (the server's default).
	ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper
}

// ProxyGet implements ServiceExpansion.
func (c *services) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	r := c.RESTClient().Get().Namespace(c.Namespace()).Resource("services").SubResource("proxy").
		Name(utilnet.JoinSchemeNamePort(scheme, name, port)).Suffix(path)
	return withParams(r, params)
}
