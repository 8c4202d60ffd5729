package rest

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestURLTemplate: the URL the metrics hooks see names no namespace, object or query, however the
// request was built.
func TestURLTemplate(t *testing.T) {
	for _, tc := range []struct {
		name, host string
		build      func(c *RESTClient) *Request
		want       string
	}{
		{"namespaced get", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().Namespace("team-a").Resource("pods").Name("web-1").VersionedParams(&metav1.GetOptions{ResourceVersion: "5"}, ParameterCodec)
		}, "https://kube.example:6443/api/v1/namespaces/{namespace}/pods/{name}"},
		{"list all namespaces", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().Resource("pods").Param("labelSelector", "app=web")
		}, "https://kube.example:6443/api/v1/pods"},
		{"namespaced list", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().Namespace("team-a").Resource("pods")
		}, "https://kube.example:6443/api/v1/namespaces/{namespace}/pods"},
		{"cluster-scoped status", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Put().Resource("nodes").Name("node-1").SubResource("status")
		}, "https://kube.example:6443/api/v1/nodes/{name}/status"},
		{"namespace object", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Delete().Resource("namespaces").Name("team-a")
		}, "https://kube.example:6443/api/v1/namespaces/{name}"},
		{"proxy path", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().Namespace("team-a").Resource("services").Name("web").SubResource("proxy", "metrics", "x")
		}, "https://kube.example:6443/api/v1/namespaces/{namespace}/services/{name}/proxy/{path}"},
		{"suffix", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().Resource("nodes").Name("node-1").SubResource("proxy").Suffix("stats", "summary")
		}, "https://kube.example:6443/api/v1/nodes/{name}/proxy/{path}"},
		{"user and base path", "https://user:secret@kube.example:6443/k8s", func(c *RESTClient) *Request {
			return c.Get().Namespace("team-a").Resource("pods").Name("web-1")
		}, "https://kube.example:6443/k8s/api/v1/namespaces/{namespace}/pods/{name}"},
		{"AbsPath and resource (dynamic, metadata)", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().AbsPath("/apis", "apps", "v1").Namespace("team-a").Resource("deployments").Name("web")
		}, "https://kube.example:6443/apis/apps/v1/namespaces/{namespace}/deployments/{name}"},
		{"AbsPath whole object path", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().AbsPath("/api/v1/namespaces/team-a/pods/web-1/log")
		}, "https://kube.example:6443/api/v1/namespaces/{namespace}/pods/{name}/log"},
		{"AbsPath group object below base", "https://kube.example:6443/k8s/", func(c *RESTClient) *Request {
			return c.Get().AbsPath("/apis/apps/v1/deployments/web/scale/extra/more")
		}, "https://kube.example:6443/k8s/apis/apps/v1/deployments/{name}/scale/{path}"},
		{"AbsPath namespace status", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Put().AbsPath("/api/v1/namespaces/team-a/finalize")
		}, "https://kube.example:6443/api/v1/namespaces/{name}/finalize"},
		{"discovery", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().AbsPath("/apis/apps/v1")
		}, "https://kube.example:6443/apis/apps/v1"},
		{"version", "https://kube.example:6443", func(c *RESTClient) *Request {
			return c.Get().AbsPath("/version")
		}, "https://kube.example:6443/version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := RESTClientFor(testConfig(tc.host, ContentTypeJSON))
			if err != nil {
				t.Fatal(err)
			}
			u := tc.build(c).urlTemplate()
			if u.RawQuery != "" || u.User != nil || u.Fragment != "" {
				t.Errorf("template %s has a query, user or fragment", u.Redacted())
			}
			if got := u.Scheme + "://" + u.Host + u.Path; got != tc.want {
				t.Errorf("template = %s, want %s", got, tc.want)
			}
		})
	}
}
