package discovery

import (
	"context"
	"errors"
	"fmt"

	apidiscoveryv2 "k8s.io/api/apidiscovery/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// snapshot is everything one discovery pass learned. It is immutable once built, so caches can hand it
// out to concurrent readers.
type snapshot struct {
	Groups    []*metav1.APIGroup                 `json:"groups"`
	Resources map[string]*metav1.APIResourceList `json:"resources"`
	Stale     map[string]string                  `json:"stale,omitempty"` // group/version → reason
	failed    map[schema.GroupVersion]error      // filled from Stale and legacy errors
	pending   []schema.GroupVersion              // legacy group/versions still to fetch
	index     map[string]*metav1.APIGroup        // by group name
}

func newSnapshot() *snapshot {
	return &snapshot{
		Resources: map[string]*metav1.APIResourceList{},
		failed:    map[schema.GroupVersion]error{},
		index:     map[string]*metav1.APIGroup{},
	}
}

// group returns the APIGroup named name, adding it in discovery order on first sight.
func (s *snapshot) group(name string) *metav1.APIGroup {
	if g, ok := s.index[name]; ok {
		return g
	}
	g := &metav1.APIGroup{Name: name}
	s.index[name] = g
	s.Groups = append(s.Groups, g)
	return g
}

func (s *snapshot) addVersion(g *metav1.APIGroup, version string) schema.GroupVersion {
	gv := schema.GroupVersion{Group: g.Name, Version: version}
	gvd := metav1.GroupVersionForDiscovery{GroupVersion: gv.String(), Version: version}
	g.Versions = append(g.Versions, gvd)
	if g.PreferredVersion.Version == "" {
		g.PreferredVersion = gvd
	}
	return gv
}

// addAggregated converts an aggregated discovery list. The first version of each group is its
// preferred one; a Stale version is recorded as failed.
func (s *snapshot) addAggregated(list *apidiscoveryv2.APIGroupDiscoveryList) {
	for i := range list.Items {
		item := &list.Items[i]
		g := s.group(item.Name)
		for j := range item.Versions {
			v := &item.Versions[j]
			gv := s.addVersion(g, v.Version)
			if v.Freshness == apidiscoveryv2.DiscoveryFreshnessStale {
				if s.Stale == nil {
					s.Stale = map[string]string{}
				}
				s.Stale[gv.String()] = "the server reports its discovery information as stale"
				s.failed[gv] = errors.New(s.Stale[gv.String()])
			}
			s.Resources[gv.String()] = resourceList(gv, v.Resources)
		}
	}
}

// resourceList converts the aggregated resources of one group/version to the legacy shape, with each
// subresource as its own "resource/subresource" entry.
func resourceList(gv schema.GroupVersion, in []apidiscoveryv2.APIResourceDiscovery) *metav1.APIResourceList {
	out := &metav1.APIResourceList{GroupVersion: gv.String()}
	for i := range in {
		r := &in[i]
		base := metav1.APIResource{
			Name:         r.Resource,
			SingularName: r.SingularResource,
			Namespaced:   r.Scope == apidiscoveryv2.ScopeNamespace,
			Verbs:        r.Verbs,
			ShortNames:   r.ShortNames,
			Categories:   r.Categories,
		}
		if r.ResponseKind != nil {
			base.Group, base.Version, base.Kind = r.ResponseKind.Group, r.ResponseKind.Version, r.ResponseKind.Kind
		}
		out.APIResources = append(out.APIResources, base)
		for _, sub := range r.Subresources {
			sr := metav1.APIResource{
				Name:       r.Resource + "/" + sub.Subresource,
				Namespaced: base.Namespaced,
				Verbs:      sub.Verbs,
			}
			if sub.ResponseKind != nil {
				sr.Group, sr.Version, sr.Kind = sub.ResponseKind.Group, sub.ResponseKind.Version, sub.ResponseKind.Kind
			}
			out.APIResources = append(out.APIResources, sr)
		}
	}
	return out
}

// addLegacyCore records the versions of the core group from /api.
func (s *snapshot) addLegacyCore(v *metav1.APIVersions) {
	g := s.group("")
	for _, version := range v.Versions {
		s.pending = append(s.pending, s.addVersion(g, version))
	}
}

// addLegacyGroups records the groups of /apis, keeping each group's preferred version.
func (s *snapshot) addLegacyGroups(list *metav1.APIGroupList) {
	for i := range list.Groups {
		in := &list.Groups[i]
		g := s.group(in.Name)
		for _, v := range in.Versions {
			s.pending = append(s.pending, s.addVersion(g, v.Version))
		}
		if in.PreferredVersion.Version != "" {
			g.PreferredVersion = in.PreferredVersion
		}
	}
}

func (s *snapshot) groupList() *metav1.APIGroupList {
	out := &metav1.APIGroupList{}
	for _, g := range s.Groups {
		out.Groups = append(out.Groups, *g.DeepCopy())
	}
	return out
}

func (s *snapshot) groups() []*metav1.APIGroup {
	out := make([]*metav1.APIGroup, len(s.Groups))
	for i, g := range s.Groups {
		out[i] = g.DeepCopy()
	}
	return out
}

// resourceLists returns the resource lists in group and version order.
func (s *snapshot) resourceLists() []*metav1.APIResourceList {
	var out []*metav1.APIResourceList
	for _, g := range s.Groups {
		for _, v := range g.Versions {
			if l, ok := s.Resources[v.GroupVersion]; ok {
				out = append(out, l.DeepCopy())
			}
		}
	}
	return out
}

// preferred returns the resource list of each group's preferred version.
func (s *snapshot) preferred() []*metav1.APIResourceList {
	var out []*metav1.APIResourceList
	for _, g := range s.Groups {
		if l, ok := s.Resources[g.PreferredVersion.GroupVersion]; ok {
			out = append(out, l.DeepCopy())
		}
	}
	return out
}

// failure returns an *ErrGroupDiscoveryFailed naming the group/versions that could not be read.
func (s *snapshot) failure() error {
	if len(s.failed) == 0 {
		return nil
	}
	e := &ErrGroupDiscoveryFailed{Groups: map[schema.GroupVersion]error{}}
	for gv, err := range s.failed {
		e.Groups[gv] = err
	}
	return e
}

// rebuild restores the unexported indexes of a snapshot read back from disk.
func (s *snapshot) rebuild() error {
	s.index = map[string]*metav1.APIGroup{}
	s.failed = map[schema.GroupVersion]error{}
	for _, g := range s.Groups {
		if g == nil {
			return fmt.Errorf("discovery: cached snapshot has a null group")
		}
		s.index[g.Name] = g
	}
	if s.Resources == nil {
		s.Resources = map[string]*metav1.APIResourceList{}
	}
	for gvs, reason := range s.Stale {
		gv, err := schema.ParseGroupVersion(gvs)
		if err != nil {
			return fmt.Errorf("discovery: cached snapshot: %w", err)
		}
		s.failed[gv] = errors.New(reason)
	}
	return nil
}

// fetchAll runs one discovery pass over c: the server directly for a *Client, else through
// ServerGroupsAndResources, keeping what it returned with an *ErrGroupDiscoveryFailed.
func fetchAll(ctx context.Context, c Interface) (*snapshot, error) {
	if client, ok := c.(*Client); ok {
		return client.fetch(ctx, true)
	}
	groups, lists, err := c.ServerGroupsAndResources(ctx)
	var partial *ErrGroupDiscoveryFailed
	if err != nil && !errors.As(err, &partial) {
		return nil, err
	}
	s := newSnapshot()
	for _, in := range groups {
		g := s.group(in.Name)
		for _, v := range in.Versions {
			s.addVersion(g, v.Version)
		}
		if in.PreferredVersion.Version != "" {
			g.PreferredVersion = in.PreferredVersion
		}
	}
	for _, l := range lists {
		s.Resources[l.GroupVersion] = l.DeepCopy()
	}
	if partial != nil {
		for gv, e := range partial.Groups {
			s.failed[gv] = e
		}
	}
	return s, nil
}
