package discovery

import (
	"context"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/version"
)

// countingDiscovery is an Interface that is not a *Client: a fixed answer, counting the passes.
type countingDiscovery struct{ passes, versions int }

func (d *countingDiscovery) ServerVersion(context.Context) (*version.Info, error) {
	d.versions++
	return &version.Info{GitVersion: "v1.37.1"}, nil
}

func (d *countingDiscovery) ServerGroups(ctx context.Context) (*metav1.APIGroupList, error) {
	gs, _, err := d.ServerGroupsAndResources(ctx)
	out := &metav1.APIGroupList{}
	for _, g := range gs {
		out.Groups = append(out.Groups, *g)
	}
	return out, err
}

func (d *countingDiscovery) ServerGroupsAndResources(context.Context) ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	d.passes++
	v1 := metav1.GroupVersionForDiscovery{GroupVersion: "v1", Version: "v1"}
	apps := metav1.GroupVersionForDiscovery{GroupVersion: "apps/v1", Version: "v1"}
	return []*metav1.APIGroup{
			{Name: "", Versions: []metav1.GroupVersionForDiscovery{v1}, PreferredVersion: v1},
			{Name: "apps", Versions: []metav1.GroupVersionForDiscovery{apps}, PreferredVersion: apps},
		}, []*metav1.APIResourceList{
			{GroupVersion: "v1", APIResources: []metav1.APIResource{{Name: "pods", Namespaced: true, Kind: "Pod"}}},
			{GroupVersion: "apps/v1", APIResources: []metav1.APIResource{{Name: "deployments", Namespaced: true, Kind: "Deployment"}}},
		}, nil
}

func (d *countingDiscovery) ServerResourcesForGroupVersion(context.Context, string) (*metav1.APIResourceList, error) {
	return &metav1.APIResourceList{}, nil
}

func (d *countingDiscovery) ServerPreferredResources(ctx context.Context) ([]*metav1.APIResourceList, error) {
	_, rs, err := d.ServerGroupsAndResources(ctx)
	return rs, err
}

// TestIssue10_NewMemoryAcceptsTheInterface (issue 10 item 7): NewMemory caches any discovery
// Interface (a fake's, a wrapper), not only the concrete *Client, and asks it once until invalidated.
func TestIssue10_NewMemoryAcceptsTheInterface(t *testing.T) {
	ctx := context.Background()
	d := &countingDiscovery{}
	var m CachedInterface = NewMemory(d)
	for range 3 {
		groups, err := m.ServerGroups(ctx)
		if err != nil || len(groups.Groups) != 2 || groups.Groups[1].Name != "apps" {
			t.Fatalf("ServerGroups = %+v, %v", groups, err)
		}
		l, err := m.ServerResourcesForGroupVersion(ctx, "apps/v1")
		if err != nil || len(l.APIResources) != 1 || l.APIResources[0].Name != "deployments" {
			t.Fatalf("ServerResourcesForGroupVersion = %+v, %v", l, err)
		}
		pref, err := m.ServerPreferredResources(ctx)
		if err != nil || len(pref) != 2 {
			t.Fatalf("ServerPreferredResources = %+v, %v", pref, err)
		}
		if _, err := m.ServerVersion(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if d.passes != 1 || d.versions != 1 {
		t.Errorf("underlying discovery asked %d times for resources and %d for the version, want 1 and 1", d.passes, d.versions)
	}
	m.Invalidate()
	if _, err := m.ServerGroups(ctx); err != nil || d.passes != 2 {
		t.Errorf("after Invalidate: %d passes, %v; want 2", d.passes, err)
	}
}
