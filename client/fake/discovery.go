package fake

import (
	"context"
	"fmt"
	"sort"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilversion "k8s.io/apimachinery/pkg/version"

	"github.com/kubegen/kubegen/client/discovery"
	"github.com/kubegen/kubegen/client/testing"
)

// Discovery answers discovery questions as a server serving the resources of the tracker's
// testing.Fake Resources would, as client-go's fake discovery does; while Resources is nil, from the
// resources registered with the tracker instead. Generated fake clientsets return it from Discovery(),
// so a test declares its server's resources with
//
//	client.Resources = []*metav1.APIResourceList{{GroupVersion: "v1", APIResources: ...}}
//
// Each call records the get actions client-go's fake discovery records (resource "version" for
// ServerVersion, "group" for ServerGroups, "group" and "resource" for ServerGroupsAndResources,
// "resource" for ServerResourcesForGroupVersion; none for ServerPreferredResources, which
// client-go's fake answers with nothing) and runs the whole reaction chain on each: a reactor that
// handles one with an error makes the call fail with that error.
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
	if err := d.invoke("version"); err != nil {
		return nil, err
	}
	v := d.Version
	return &v, nil
}

// invoke records the get of a discovery document (resource "version", "group" or "resource") and
// returns the error of a reactor that handles it.
func (d *Discovery) invoke(resource string) error {
	_, err := d.tracker.Fake().Invokes(testing.ActionImpl{Verb: "get", Resource: schema.GroupVersionResource{Resource: resource}}, nil)
	return err
}

// ServerGroups returns the groups, versions preferred first: of the Fake's Resources in their
// order, the first version listed of a group being preferred; or of the registered resources, the
// legacy core group first.
func (d *Discovery) ServerGroups(context.Context) (*metav1.APIGroupList, error) {
	if err := d.invoke("group"); err != nil {
		return nil, err
	}
	groups, _, err := d.snapshot()
	if err != nil {
		return nil, err
	}
	list := &metav1.APIGroupList{}
	for _, g := range groups {
		list.Groups = append(list.Groups, *g)
	}
	return list, nil
}

// ServerGroupsAndResources returns the groups and the resources of every group/version.
func (d *Discovery) ServerGroupsAndResources(context.Context) ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	if err := d.invoke("group"); err != nil {
		return nil, nil, err
	}
	if err := d.invoke("resource"); err != nil {
		return nil, nil, err
	}
	return d.snapshot()
}

// ServerResourcesForGroupVersion returns the resources of one group/version, or NotFound.
func (d *Discovery) ServerResourcesForGroupVersion(_ context.Context, groupVersion string) (*metav1.APIResourceList, error) {
	if err := d.invoke("resource"); err != nil {
		return nil, err
	}
	_, lists, err := d.snapshot()
	if err != nil {
		return nil, err
	}
	for _, l := range lists {
		if l.GroupVersion == groupVersion {
			return l, nil
		}
	}
	return nil, apierrors.NewNotFound(schema.GroupResource{Resource: "groupversions"}, groupVersion)
}

// ServerPreferredResources returns the resources of each group's preferred version.
func (d *Discovery) ServerPreferredResources(context.Context) ([]*metav1.APIResourceList, error) {
	groups, lists, err := d.snapshot()
	if err != nil {
		return nil, err
	}
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

// snapshot returns the groups and resource lists: the Fake's Resources when set, else those of the
// registered resources.
func (d *Discovery) snapshot() ([]*metav1.APIGroup, []*metav1.APIResourceList, error) {
	if lists := d.tracker.Fake().Resources; lists != nil {
		groups, err := groupsOfLists(lists)
		return groups, lists, err
	}
	groups, lists := d.registered()
	return groups, lists, nil
}

// groupsOfLists returns the groups of lists in the order they first appear, each with its versions
// in the order listed, the first preferred.
func groupsOfLists(lists []*metav1.APIResourceList) ([]*metav1.APIGroup, error) {
	var groups []*metav1.APIGroup
	byName := map[string]*metav1.APIGroup{}
	for _, l := range lists {
		gv, err := schema.ParseGroupVersion(l.GroupVersion)
		if err != nil {
			return nil, fmt.Errorf("fake discovery: Resources: %w", err)
		}
		version := metav1.GroupVersionForDiscovery{GroupVersion: l.GroupVersion, Version: gv.Version}
		g := byName[gv.Group]
		if g == nil {
			g = &metav1.APIGroup{Name: gv.Group, PreferredVersion: version}
			byName[gv.Group] = g
			groups = append(groups, g)
		}
		g.Versions = append(g.Versions, version)
	}
	return groups, nil
}

// registered builds the groups and resource lists from the registered resources, in a stable order.
func (d *Discovery) registered() ([]*metav1.APIGroup, []*metav1.APIResourceList) {
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
