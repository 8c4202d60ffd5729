package fake_test

import (
	"context"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/fake"
)

func TestDiscoveryFromRegisteredResources(t *testing.T) {
	tr := newTracker(t)
	for _, r := range []fake.Resource{
		{Resource: schema.GroupVersionResource{Version: "v1", Resource: "pods"}, Kind: schema.GroupVersionKind{Version: "v1", Kind: "Pod"}, HasStatus: true},
		{Resource: schema.GroupVersionResource{Group: "apps", Version: "v1beta1", Resource: "deployments"}, Kind: schema.GroupVersionKind{Group: "apps", Version: "v1beta1", Kind: "Deployment"}},
		{Resource: schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}, Kind: schema.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}},
		{Resource: schema.GroupVersionResource{Version: "v1", Resource: "nodes"}, Kind: schema.GroupVersionKind{Version: "v1", Kind: "Node"}, ClusterScoped: true},
	} {
		tr.Register(r)
	}
	d := fake.NewDiscovery(tr)
	ctx := context.Background()
	groups, err := d.ServerGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range groups.Groups {
		got = append(got, g.Name+"="+g.PreferredVersion.Version)
	}
	if len(got) < 2 || got[0] != "=v1" || !contains(got, "apps=v1") {
		t.Errorf("groups %v: want core first, apps preferring v1", got)
	}
	core, err := d.ServerResourcesForGroupVersion(ctx, "v1")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range core.APIResources {
		names[r.Name] = r.Namespaced
	}
	if namespaced, ok := names["nodes"]; !ok || namespaced {
		t.Errorf("nodes: present=%v namespaced=%v", ok, namespaced)
	}
	if _, ok := names["pods/status"]; !ok {
		t.Errorf("pods/status missing from %v", names)
	}
	if _, err := d.ServerResourcesForGroupVersion(ctx, "nope/v9"); err == nil {
		t.Error("unknown group/version: no error")
	}
	preferred, err := d.ServerPreferredResources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range preferred {
		if l.GroupVersion == "apps/v1beta1" {
			t.Error("preferred resources include apps/v1beta1")
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
