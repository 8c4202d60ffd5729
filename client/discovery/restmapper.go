package discovery

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// RESTMapper maps between kinds and resources (and short names) using what a cached discovery client
// learned: preferred versions win, the core group first. It implements apimachinery's meta.RESTMapper.
//
// A kind or resource it does not know makes it invalidate the discovery cache and look once more, so
// a CRD installed after the mapper was built is found.
type RESTMapper struct {
	disc CachedInterface
	ctx  context.Context

	mu     sync.Mutex
	mapper meta.RESTMapper
	short  map[string][]schema.GroupResource // short name → resources
	kinds  map[string][]schema.GroupKind     // kind → group kinds, for lookups without a group
}

var _ meta.RESTMapper = (*RESTMapper)(nil)

// NewRESTMapper returns a mapper over d. Discovery calls made by the mapper use ctx.
func NewRESTMapper(ctx context.Context, d CachedInterface) *RESTMapper {
	return &RESTMapper{disc: d, ctx: ctx}
}

// Reset forgets the mapping and the discovery cache under it.
func (m *RESTMapper) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mapper = nil
	m.disc.Invalidate()
}

// current returns the mapping, building it from discovery when needed.
func (m *RESTMapper) current() (*RESTMapper, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.mapper != nil {
		return m, nil
	}
	groups, lists, err := m.disc.ServerGroupsAndResources(m.ctx)
	if err != nil && !IsGroupDiscoveryFailed(err) {
		return nil, err
	}
	m.build(groups, lists)
	return m, nil
}

func (m *RESTMapper) build(groups []*metav1.APIGroup, lists []*metav1.APIResourceList) {
	byGV := map[string]*metav1.APIResourceList{}
	for _, l := range lists {
		byGV[l.GroupVersion] = l
	}
	var versions []schema.GroupVersion
	var resPrio []schema.GroupVersionResource
	var kindPrio []schema.GroupVersionKind
	for _, g := range groups {
		ordered := []string{g.PreferredVersion.Version}
		for _, v := range g.Versions {
			if v.Version != g.PreferredVersion.Version {
				ordered = append(ordered, v.Version)
			}
		}
		for _, v := range ordered {
			gv := schema.GroupVersion{Group: g.Name, Version: v}
			versions = append(versions, gv)
			resPrio = append(resPrio, gv.WithResource(meta.AnyResource))
			kindPrio = append(kindPrio, gv.WithKind(meta.AnyKind))
		}
	}
	def := meta.NewDefaultRESTMapper(versions)
	m.short = map[string][]schema.GroupResource{}
	m.kinds = map[string][]schema.GroupKind{}
	seenKind := map[schema.GroupKind]bool{}
	seenShort := map[string]map[schema.GroupResource]bool{}
	for _, gv := range versions {
		l := byGV[gv.String()]
		if l == nil {
			continue
		}
		for _, r := range l.APIResources {
			if strings.Contains(r.Name, "/") || r.Kind == "" {
				continue
			}
			gvk := gv.WithKind(r.Kind)
			singular := r.SingularName
			if singular == "" {
				singular = strings.ToLower(r.Kind)
			}
			scope := meta.RESTScopeRoot
			if r.Namespaced {
				scope = meta.RESTScopeNamespace
			}
			def.AddSpecific(gvk, gv.WithResource(r.Name), gv.WithResource(singular), scope)
			if gk := gvk.GroupKind(); !seenKind[gk] {
				seenKind[gk] = true
				m.kinds[r.Kind] = append(m.kinds[r.Kind], gk)
			}
			for _, s := range r.ShortNames {
				gr := schema.GroupResource{Group: gv.Group, Resource: r.Name}
				if seenShort[s] == nil {
					seenShort[s] = map[schema.GroupResource]bool{}
				}
				if !seenShort[s][gr] {
					seenShort[s][gr] = true
					m.short[s] = append(m.short[s], gr)
				}
			}
		}
	}
	m.mapper = meta.PriorityRESTMapper{Delegate: def, ResourcePriority: resPrio, KindPriority: kindPrio}
}

// retry runs f on the current mapping and, when it does not know the input, once more after
// refreshing discovery.
func retry[T any](m *RESTMapper, f func(*RESTMapper) (T, error)) (T, error) {
	cur, err := m.current()
	if err != nil {
		var zero T
		return zero, err
	}
	out, err := f(cur)
	if err == nil || !meta.IsNoMatchError(err) {
		return out, err
	}
	m.Reset()
	if cur, err = m.current(); err != nil {
		var zero T
		return zero, err
	}
	return f(cur)
}

// expand replaces a short name ("ct") by its resource ("crontabs") and group.
func (m *RESTMapper) expand(r schema.GroupVersionResource) schema.GroupVersionResource {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, gr := range m.short[r.Resource] {
		if r.Group == "" || r.Group == gr.Group {
			r.Group, r.Resource = gr.Group, gr.Resource
			return r
		}
	}
	return r
}

func (m *RESTMapper) delegate() meta.RESTMapper {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.mapper
}

// KindFor returns the kind of a resource (plural, singular or short name).
func (m *RESTMapper) KindFor(resource schema.GroupVersionResource) (schema.GroupVersionKind, error) {
	return retry(m, func(c *RESTMapper) (schema.GroupVersionKind, error) {
		return c.delegate().KindFor(c.expand(resource))
	})
}

// KindsFor returns every kind a resource may name, best first.
func (m *RESTMapper) KindsFor(resource schema.GroupVersionResource) ([]schema.GroupVersionKind, error) {
	return retry(m, func(c *RESTMapper) ([]schema.GroupVersionKind, error) {
		return c.delegate().KindsFor(c.expand(resource))
	})
}

// ResourceFor returns the preferred full resource of a partial one (e.g. "ct" → stable.example.com/v1, crontabs).
func (m *RESTMapper) ResourceFor(input schema.GroupVersionResource) (schema.GroupVersionResource, error) {
	return retry(m, func(c *RESTMapper) (schema.GroupVersionResource, error) {
		return c.delegate().ResourceFor(c.expand(input))
	})
}

// ResourcesFor returns every resource a partial one may name, best first.
func (m *RESTMapper) ResourcesFor(input schema.GroupVersionResource) ([]schema.GroupVersionResource, error) {
	return retry(m, func(c *RESTMapper) ([]schema.GroupVersionResource, error) {
		return c.delegate().ResourcesFor(c.expand(input))
	})
}

// RESTMapping returns the resource and scope of a kind, in the first of versions the server serves,
// else its preferred version. A kind given without a group that no core kind matches is looked up in
// every group, and must be unique.
func (m *RESTMapper) RESTMapping(gk schema.GroupKind, versions ...string) (*meta.RESTMapping, error) {
	return retry(m, func(c *RESTMapper) (*meta.RESTMapping, error) {
		mapping, err := c.delegate().RESTMapping(gk, versions...)
		if err == nil || gk.Group != "" || !meta.IsNoMatchError(err) {
			return mapping, err
		}
		other, ok, uerr := c.uniqueGroupKind(gk.Kind)
		if uerr != nil {
			return nil, uerr
		}
		if !ok {
			return nil, err
		}
		return c.delegate().RESTMapping(other, versions...)
	})
}

// RESTMappings returns every mapping of a kind.
func (m *RESTMapper) RESTMappings(gk schema.GroupKind, versions ...string) ([]*meta.RESTMapping, error) {
	return retry(m, func(c *RESTMapper) ([]*meta.RESTMapping, error) {
		return c.delegate().RESTMappings(gk, versions...)
	})
}

// ResourceSingularizer returns the singular name of a resource.
func (m *RESTMapper) ResourceSingularizer(resource string) (string, error) {
	return retry(m, func(c *RESTMapper) (string, error) {
		return c.delegate().ResourceSingularizer(c.expand(schema.GroupVersionResource{Resource: resource}).Resource)
	})
}

// uniqueGroupKind finds the one group serving kind.
func (m *RESTMapper) uniqueGroupKind(kind string) (schema.GroupKind, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch gks := m.kinds[kind]; len(gks) {
	case 0:
		return schema.GroupKind{}, false, nil
	case 1:
		return gks[0], true, nil
	default:
		return schema.GroupKind{}, false, fmt.Errorf("discovery: kind %s is served by several groups %v; name the group", kind, gks)
	}
}
