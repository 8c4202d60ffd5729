//go:build e2e

// Package e2e proves discovery, the RESTMapper and the dynamic client against a real kube-apiserver:
// aggregated and legacy discovery agree, a CRD installed after the caches were filled is found, and the
// dynamic client runs the CronTab scenario on unstructured objects.
package e2e

import (
	"context"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/dynamic"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

var (
	crdGVR     = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}
	crontabGVR = schema.GroupVersionResource{Group: "stable.example.com", Version: "v1", Resource: "crontabs"}
	nsGVR      = schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}
)

// countingConfig returns the admin config with a counter of the requests it sends.
func countingConfig() (*rest.Config, *atomic.Int32) {
	var n atomic.Int32
	cfg := testCluster.AdminConfig()
	cfg.WrapTransport = func(rt http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			n.Add(1)
			return rt.RoundTrip(r)
		})
	}
	return cfg, &n
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func dynamicClient(t *testing.T) *dynamic.Client {
	t.Helper()
	c, err := dynamic.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

// namespace creates a namespace for one test and deletes it afterwards.
func namespace(t *testing.T, c *dynamic.Client, name string) string {
	t.Helper()
	ns := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": name},
	}}
	if _, err := c.Resource(nsGVR).Create(ctx(t), ns, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Resource(nsGVR).Delete(context.Background(), name, metav1.DeleteOptions{}) })
	return name
}

// crdFor is a namespaced CustomResourceDefinition in the shape of the CronTab example, with status and
// scale subresources.
func crdFor(gvr schema.GroupVersionResource, kind, singular, short string) *unstructured.Unstructured {
	schemaProps := map[string]any{
		"type": "object",
		"properties": map[string]any{
			"spec": map[string]any{"type": "object", "properties": map[string]any{
				"cronSpec": map[string]any{"type": "string"},
				"image":    map[string]any{"type": "string"},
				"replicas": map[string]any{"type": "integer"},
			}},
			"status": map[string]any{"type": "object", "properties": map[string]any{
				"replicas":     map[string]any{"type": "integer"},
				"lastSchedule": map[string]any{"type": "string"},
			}},
		},
	}
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind":       "CustomResourceDefinition",
		"metadata":   map[string]any{"name": gvr.Resource + "." + gvr.Group},
		"spec": map[string]any{
			"group": gvr.Group,
			"scope": "Namespaced",
			"names": map[string]any{
				"plural": gvr.Resource, "singular": singular, "kind": kind, "listKind": kind + "List",
				"shortNames": []any{short}, "categories": []any{"all"},
			},
			"versions": []any{map[string]any{
				"name": gvr.Version, "served": true, "storage": true,
				"schema": map[string]any{"openAPIV3Schema": schemaProps},
				"subresources": map[string]any{
					"status": map[string]any{},
					"scale": map[string]any{
						"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas",
					},
				},
			}},
		},
	}}
}

// installCRD creates a CRD and waits until it is established.
func installCRD(t *testing.T, c *dynamic.Client, crd *unstructured.Unstructured) {
	t.Helper()
	if _, err := c.Resource(crdGVR).Create(ctx(t), crd, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		crd, err := c.Resource(crdGVR).Get(ctx(t), crd.GetName(), metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		conds, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
		for _, cond := range conds {
			m, _ := cond.(map[string]any)
			if m["type"] == "Established" && m["status"] == "True" {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("CRD %s was not established within a minute", crd.GetName())
}
