package model

import "regexp"

// kubeVersion matches the version names Kubernetes orders by stability (as apimachinery's
// version.CompareKubeAwareVersionStrings does): "v1", "v2beta1", "v1alpha3". Its first group is the
// stability level, empty for GA.
var kubeVersion = regexp.MustCompile(`^v[0-9]+(?:(alpha|beta)[0-9]+)?$`)

// IsAlpha tells whether the version name is a Kubernetes alpha version ("v1alpha1", "v2alpha3").
// Names outside the Kubernetes scheme ("v1alpha", "internal") are not alpha.
func IsAlpha(name string) bool {
	m := kubeVersion.FindStringSubmatch(name)
	return m != nil && m[1] == "alpha"
}

// ClientsetVersion is the version of g that a clientset holds: its newest version in Kubernetes
// order — the newest GA version, else the newest beta, else the newest alpha, else the first other
// name — except that an alpha version is taken only with includeAlpha, so that alpha-only groups
// stay out by default. nil when the group stays out.
func (g *Group) ClientsetVersion(includeAlpha bool) *Version {
	if len(g.Versions) == 0 {
		return nil
	}
	// Versions are sorted in that order already.
	v := g.Versions[0]
	if IsAlpha(v.Name) && !includeAlpha {
		return nil
	}
	return v
}

// EveryVersion is every version of every group, in group order and, within a group, in Kubernetes
// order (newest GA first), as code-generator's clientsets hold them; alpha versions only with
// includeAlpha.
func (api *API) EveryVersion(includeAlpha bool) []*Version {
	var out []*Version
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			if includeAlpha || !IsAlpha(v.Name) {
				out = append(out, v)
			}
		}
	}
	return out
}

// ClientsetVersions is the clientset's version of every group that has one (see
// [Group.ClientsetVersion]), in group order.
func (api *API) ClientsetVersions(includeAlpha bool) []*Version {
	var out []*Version
	for _, g := range api.Groups {
		if v := g.ClientsetVersion(includeAlpha); v != nil {
			out = append(out, v)
		}
	}
	return out
}
