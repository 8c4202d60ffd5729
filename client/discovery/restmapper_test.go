package discovery

import (
	"context"
	"testing"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestRESTMapper(t *testing.T) {
	s, n := server(t, false, false)
	m := NewRESTMapper(context.Background(), NewMemory(client(t, s.URL)))

	for _, tc := range []struct {
		in   schema.GroupVersionResource
		want schema.GroupVersionResource
	}{
		{schema.GroupVersionResource{Resource: "pods"}, schema.GroupVersionResource{Version: "v1", Resource: "pods"}},
		{schema.GroupVersionResource{Resource: "pod"}, schema.GroupVersionResource{Version: "v1", Resource: "pods"}},
		{schema.GroupVersionResource{Resource: "po"}, schema.GroupVersionResource{Version: "v1", Resource: "pods"}},
		{schema.GroupVersionResource{Resource: "deploy"}, schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}},
		{schema.GroupVersionResource{Group: "apps", Resource: "deployments"}, schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}},
	} {
		got, err := m.ResourceFor(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ResourceFor(%v) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	gvk, err := m.KindFor(schema.GroupVersionResource{Resource: "no"})
	if err != nil || gvk != (schema.GroupVersionKind{Version: "v1", Kind: "Node"}) {
		t.Errorf("KindFor(no) = %v, %v", gvk, err)
	}
	mapping, err := m.RESTMapping(schema.GroupKind{Kind: "Deployment"})
	if err != nil || mapping.Resource.Group != "apps" || mapping.Scope.Name() != meta.RESTScopeNameNamespace {
		t.Fatalf("RESTMapping(Deployment) = %+v, %v", mapping, err)
	}
	mapping, err = m.RESTMapping(schema.GroupKind{Kind: "Node"})
	if err != nil || mapping.Resource.Resource != "nodes" || mapping.Scope.Name() != meta.RESTScopeNameRoot {
		t.Fatalf("RESTMapping(Node) = %+v, %v", mapping, err)
	}
	if single, err := m.ResourceSingularizer("deployments"); err != nil || single != "deployment" {
		t.Errorf("ResourceSingularizer = %q, %v", single, err)
	}

	// An unknown resource refreshes discovery once, then reports no match.
	before := n.Load()
	_, err = m.ResourceFor(schema.GroupVersionResource{Resource: "crontabs"})
	if !meta.IsNoMatchError(err) {
		t.Fatalf("unknown resource: err = %v, want a no-match error", err)
	}
	if n.Load() == before {
		t.Error("a miss did not refresh discovery")
	}
}
