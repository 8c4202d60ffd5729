package fake

import (
	"context"
	"sort"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilversion "k8s.io/apimachinery/pkg/version"

	"github.com/kubegen/kubegen/client/discovery"
)

// Discovery answers discovery questions from the resources registered with a tracker, as a server
// serving exactly those resources would. Generated fake clientsets return it from Discovery().
type Discovery struct {
	tracker *Tracker
	// Version is what ServerVersion returns.
	Version utilversion.Info
}

var _ discovery.Interface = &Discovery{}

// NewDiscovery returns discovery over the resources registered with t.
func NewDiscovery(t *Tracker) *Discovery {
	return &Discovery{tracker: t, Version: utilversion.Info{Major: "1", Minor: "37", GitVersion: "v1.37.0-kubegen-fake"}}
}

// ServerVersion returns d.Version.
func (d *Discovery) ServerVersion(context.Context) (*utilversion.Info, error) {
	v := d.Version
	return &v, nil
}

// ServerGroups returns the registered groups, the legacy core group first, versions preferred first.
func (d *Discovery) ServerGroups(context.Context) (*metav1.APIGroupList, error) {
	groups, _ := d.snapshot()
	list := &metav1.APIGroupList{}
	for _, g := range groups {
		list.Groups = append(list.Groups, *g)
	}
	return list, nil
}

// ServerGroupsAndResources returns the groups and the resources of every group/version.
func (d *Discovery) ServerGroupsAndResources(context.Context) ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	groups, lists := d.snapshot()
	return groups, lists, nil
}

// ServerResourcesForGroupVersion returns the resources of one group/version, or NotFound.
func (d *Discovery) ServerResourcesForGroupVersion(_ context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	_, lists := d.snapshot()
	for _, l := range lists {
		if l.GroupVersion == groupVersion {
			return l, nil
		}
	}
	return nil, apierrors.NewNotFound(schema.GroupResource{Resource: "groupversions"}, groupVersion)
}

// ServerPreferredResources returns the resources of each group's preferred version.
func (d *Discovery) ServerPreferredResources(context.Context) ([]*metav1.APIResourceList, error) {
	groups, lists := d.snapshot()
	preferred := map[string]bool{}
	for _, g := range groups {
		preferred[g.PreferredVersion.GroupVersion] = true
	}
	var out []*metav1.APIResourceList
	for _, l := range lists {
		if preferred[l.GroupVersion] {
			out = append(out, l)
		}
	}
	return out, nil
}

var allVerbs = metav1.Verbs{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}

// snapshot builds the groups and resource lists from the registered resources, in a stable order.
func (d *Discovery) snapshot() ([]*metav1.APIGroup, []*metav1.APIResourceList) {
	d.tracker.mu.RLock()
	byGV := map[schema.GroupVersion][]metav1.APIResource{}
	for gvr, r := range d.tracker.resources {
		gv := gvr.GroupVersion()
		res := metav1.APIResource{Name: gvr.Resource, Namespaced: !r.ClusterScoped, Kind: r.Kind.Kind, Verbs: allVerbs}
		byGV[gv] = append(byGV[gv], res)
		if r.HasStatus {
			byGV[gv] = append(byGV[gv], metav1.APIResource{Name: gvr.Resource + "/status", Namespaced: !r.ClusterScoped,
				Kind: r.Kind.Kind, Verbs: metav1.Verbs{"get", "patch", "update"}})
		}
	}
	d.tracker.mu.RUnlock()

	versions := map[string][]string{}
	var lists []*metav1.APIResourceList
	for gv, resources := range byGV {
		sort.Slice(resources, func(i, j int) bool { return resources[i].Name < resources[j].Name })
		lists = append(lists, &metav1.APIResourceList{GroupVersion: gv.String(), APIResources: resources})
		versions[gv.Group] = append(versions[gv.Group], gv.Version)
	}
	sort.Slice(lists, func(i, j int) bool { return lists[i].GroupVersion < lists[j].GroupVersion })
	return groupsOf(versions), lists
}

func groupsOf(versions map[string][]string) []*metav1.APIGroup {
	var names []string
	for g := range versions {
		names = append(names, g)
	}
	sort.Strings(names) // "" (core) sorts first
	var groups []*metav1.APIGroup
	for _, name := range names {
		vs := versions[name]
		sort.Slice(vs, func(i, j int) bool { return utilversion.CompareKubeAwareVersionStrings(vs[i], vs[j]) > 0 })
		g := &metav1.APIGroup{Name: name}
		for _, v := range vs {
			g.Versions = append(g.Versions, metav1.GroupVersionForDiscovery{GroupVersion: schema.GroupVersion{Group: name, Version: v}.String(), Version: v})
		}
		g.PreferredVersion = g.Versions[0]
		groups = append(groups, g)
	}
	return groups
}
