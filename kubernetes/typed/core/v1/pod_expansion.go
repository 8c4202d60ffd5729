package v1

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	policyv1beta1 "k8s.io/api/policy/v1beta1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	utilnet "k8s.io/apimachinery/pkg/util/net"

	"github.com/kubegen/kubegen/client/rest"
)

// PodExpansion holds the pod operations that are subresources with their own body types. This file
// is written by hand; client-gen leaves PodExpansion out of generated_expansion.go because it exists.
type PodExpansion interface {
	// Evict is EvictV1beta1, under client-go's old name and signature.
	//
	// Deprecated: use EvictV1 (policy/v1, served since Kubernetes 1.22) or EvictV1beta1.
	Evict(ctx context.Context, eviction *policyv1beta1.Eviction) error
	// EvictV1 asks the API server to evict the pod eviction names (pods/eviction) with a policy/v1
	// Eviction. The server honours PodDisruptionBudgets and answers 429 TooManyRequests while a
	// budget forbids the eviction.
	EvictV1(ctx context.Context, eviction *policyv1.Eviction) error
	// EvictV1beta1 is EvictV1 with a policy/v1beta1 Eviction.
	EvictV1beta1(ctx context.Context, eviction *policyv1beta1.Eviction) error
	// Bind assigns the pod binding names to binding.Target, a node, as a scheduler does (pods/binding).
	Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error
	// GetLogs returns the request for the logs of the pod called name (pods/log) as opts select them
	// (container, follow, previous, sinceSeconds, sinceTime, timestamps, tailLines, limitBytes):
	// Stream(ctx) reads them as they come (with Follow, until ctx ends or the container stops),
	// Do(ctx).Raw() or DoRaw(ctx) reads them whole.
	GetLogs(name string, opts *corev1.PodLogOptions) *rest.Request
	// ProxyGet returns a GET through the API server's proxy to port of the pod called name, at path
	// with the query params; scheme is "http", "https" or "" (the server's default).
	ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper
}

// Evict implements PodExpansion.
func (c *pods) Evict(ctx context.Context, eviction *policyv1beta1.Eviction) error {
	return c.EvictV1beta1(ctx, eviction)
}

// EvictV1 implements PodExpansion.
func (c *pods) EvictV1(ctx context.Context, eviction *policyv1.Eviction) error {
	return c.CreateSubresource(ctx, eviction.Name, "eviction", eviction, &metav1.CreateOptions{}, &metav1.Status{})
}

// EvictV1beta1 implements PodExpansion.
func (c *pods) EvictV1beta1(ctx context.Context, eviction *policyv1beta1.Eviction) error {
	return c.CreateSubresource(ctx, eviction.Name, "eviction", eviction, &metav1.CreateOptions{}, &metav1.Status{})
}

// Bind implements PodExpansion.
func (c *pods) Bind(ctx context.Context, binding *corev1.Binding, opts metav1.CreateOptions) error {
	return c.CreateSubresource(ctx, binding.Name, "binding", binding, &opts, &metav1.Status{})
}

// GetLogs implements PodExpansion.
func (c *pods) GetLogs(name string, opts *corev1.PodLogOptions) *rest.Request {
	if opts == nil {
		opts = &corev1.PodLogOptions{}
	}
	return c.RESTClient().Get().Namespace(c.Namespace()).Resource("pods").Name(name).SubResource("log").
		VersionedParams(opts, parameterCodec())
}

// ProxyGet implements PodExpansion.
func (c *pods) ProxyGet(scheme, name, port, path string, params map[string]string) rest.ResponseWrapper {
	r := c.RESTClient().Get().Namespace(c.Namespace()).Resource("pods").SubResource("proxy").
		Name(utilnet.JoinSchemeNamePort(scheme, name, port)).Suffix(path)
	return withParams(r, params)
}

// withParams adds params to the query of r.
func withParams(r *rest.Request, params map[string]string) *rest.Request {
	for k, v := range params {
		r = r.Param(k, v)
	}
	return r
}
