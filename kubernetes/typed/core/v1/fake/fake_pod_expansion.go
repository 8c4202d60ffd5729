package fake

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes/scheme"
)

// Evict is EvictV1beta1. This file is written by hand, next to the generated fake.
func (c *fakePods) Evict(ctx context.Context, eviction *policyv1beta1.Eviction) error {
	return c.EvictV1beta1(ctx, eviction)
}

// EvictV1 deletes the pod, as the API server does when no disruption budget objects.
func (c *fakePods) EvictV1(ctx context.Context, eviction *policyv1.Eviction) error {
	return c.CreateSubresource(ctx, eviction.Name, "eviction", eviction, &metav1.CreateOptions{}, &metav1.Status{})
}

// EvictV1beta1 is EvictV1 with a policy/v1beta1 Eviction.
func (c *fakePods) EvictV1beta1(ctx context.Context, eviction *policyv1beta1.Eviction) error {
	return c.CreateSubresource(ctx, eviction.Name, "eviction", eviction, &metav1.CreateOptions{}, &metav1.Status{})
}

// Bind sets the pod's spec.nodeName to the binding's target, as the API server does.
func (c *fakePods) Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error {
	patch, err := json.Marshal(map[string]any{"spec": map[string]any{"nodeName": binding.Target.Name}})
	if err != nil {
		return err
	}
	_, err = c.Patch(ctx, binding.Name, types.MergePatchType, patch, metav1.PatchOptions{DryRun: opts.DryRun})
	return err
}

// GetLogs returns a request whose answer is the body "fake logs", whatever the pod and options, as
// client-go's fake does: the tracker holds no containers to read logs from.
func (c *fakePods) GetLogs(name string, opts *corev1.PodLogOptions) *rest.Request {
	if opts == nil {
		opts = &corev1.PodLogOptions{}
	}
	return fakeLogsClient().Get().Namespace(c.Namespace()).Resource("pods").Name(name).SubResource("log").
		VersionedParams(opts, scheme.ParameterCodec)
}

// fakeLogsClient is a REST client whose every answer is 200 "fake logs".
var fakeLogsClient = sync.OnceValue(func() *rest.RESTClient {
	c, err := rest.RESTClientForConfigAndClient(&rest.Config{
		Host: "http://fake.invalid", APIPath: "/api",
		ContentConfig: rest.ContentConfig{GroupVersion: &corev1.SchemeGroupVersion, NegotiatedSerializer: scheme.Codecs.WithoutConversion()},
	}, &http.Client{Transport: fakeLogsTransport{}})
	if err != nil {
		panic("fake: the logs client's static configuration is invalid: " + err.Error())
	}
	return c
})

type fakeLogsTransport struct{}

func (fakeLogsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"text/plain"}},
		Body: io.NopCloser(strings.NewReader("fake logs")), Request: req}, nil
}
