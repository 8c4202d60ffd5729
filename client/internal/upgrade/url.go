package upgrade

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
)

// noSerializer satisfies rest's requirement for a serializer; streaming requests have no body.
var noSerializer = serializer.NewCodecFactory(runtime.NewScheme()).WithoutConversion()

// PodURL is the URL of a pod's subresource (exec, attach, portforward) under cfg's server, built by
// client/rest so that host prefixes and name validation are those of every other request.
func PodURL(cfg *rest.Config, namespace, pod, subresource string, params url.Values) (*url.URL, error) {
	if pod == "" {
		return nil, errors.New("a pod name is required")
	}
	c := rest.CopyConfig(cfg)
	c.APIPath = "/api"
	c.GroupVersion = &schema.GroupVersion{Version: "v1"}
	c.NegotiatedSerializer = noSerializer
	client, err := rest.RESTClientForConfigAndClient(c, &http.Client{})
	if err != nil {
		return nil, err
	}
	r := client.Post().Namespace(namespace).Resource("pods").Name(pod).SubResource(subresource)
	for k, vs := range params {
		for _, v := range vs {
			r.Param(k, v)
		}
	}
	req, err := r.HTTPRequest(context.Background())
	if err != nil {
		return nil, err
	}
	return req.URL, nil
}
