package fake

import (
	corev1 "k8s.io/api/core/v1"

	clientfake "github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/testing"
)

// This file is written by hand, next to the generated fake: the proxy helpers of pods, services and
// nodes, answered by the clientset's proxy reactors.

// ProxyGet returns the answer of the clientset's proxy reactors (PrependProxyReactor), as
// client-go's fake does; with none handling it, a request that fails.
func (c *fakePods) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	return invokesProxy(c.Tracker(), "pods", c.Namespace(), scheme, name, port, path, params)
}

// ProxyGet is fakePods.ProxyGet for services.
func (c *fakeServices) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	return invokesProxy(c.Tracker(), "services", c.Namespace(), scheme, name, port, path, params)
}

// ProxyGet is fakePods.ProxyGet for nodes.
func (c *fakeNodes) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	return invokesProxy(c.Tracker(), "nodes", "", scheme, name, port, path, params)
}

// invokesProxy records the proxy get of a core/v1 resource in the tracker's action log and returns
// what its proxy reactors answer.
func invokesProxy(t *clientfake.Tracker, resource, namespace, scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	gvr := corev1.SchemeGroupVersion.WithResource(resource)
	return t.Fake().InvokesProxy(testing.NewProxyGetAction(gvr, namespace, scheme, name, port, path, params))
}
