package fake

import "github.com/kubegen/kubegen/client/rest"

// This file is written by hand, next to the generated fake: the proxy helpers of services and nodes,
// which fail as the fake reaches no service or node.

// ProxyGet returns a request that fails: the fake clientset proxies to no service.
func (c *fakeServices) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	return noProxy{"services", name}
}

// ProxyGet returns a request that fails: the fake clientset proxies to no node.
func (c *fakeNodes) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	return noProxy{"nodes", name}
}
