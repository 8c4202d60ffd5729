package model

import (
	"strings"
	"testing"
)

func TestIsAlpha(t *testing.T) {
	for name, want := range map[string]bool{
		"v1alpha1":  true,
		"v2alpha1":  true,
		"v1alpha10": true,
		"v3alpha2":  true,
		"v1":        false,
		"v1beta1":   false,
		"v2beta2":   false,
		"v1alpha":   false, // not a Kubernetes version name
		"alpha1":    false,
		"internal":  false,
		"":          false,
	} {
		if got := IsAlpha(name); got != want {
			t.Errorf("IsAlpha(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestClientsetVersion(t *testing.T) {
	for _, tc := range []struct {
		versions  string // the group's versions, in any order
		withAlpha string // the pick with includeAlpha ("" for none)
		noAlpha   string // the pick without
	}{
		{"v1", "v1", "v1"},
		{"v1beta1 v1 v1alpha1", "v1", "v1"},
		{"v1 v2beta1", "v1", "v1"},
		{"v2 v1 v2beta1", "v2", "v2"},
		{"v1beta1 v1beta2", "v1beta2", "v1beta2"},
		{"v2beta1 v1beta2", "v2beta1", "v2beta1"},
		{"v1alpha1 v1beta1", "v1beta1", "v1beta1"},
		{"v2alpha1 v1beta1", "v1beta1", "v1beta1"},
		{"v1alpha1", "v1alpha1", ""},
		{"v2alpha1", "v2alpha1", ""},
		{"v1alpha1 v2alpha1", "v2alpha1", ""},
		{"v1alpha2 v1alpha10", "v1alpha10", ""},
		{"v1alpha1 v1alpha3 v1alpha2", "v1alpha3", ""},
		{"v2alpha1 v1", "v1", "v1"},
		{"internal", "internal", "internal"},
	} {
		g := &Group{Name: "example.com"}
		for _, name := range strings.Fields(tc.versions) {
			g.Versions = append(g.Versions, &Version{Group: g, Name: name})
		}
		sortVersions(g.Versions)
		for _, c := range []struct {
			include bool
			want    string
		}{{true, tc.withAlpha}, {false, tc.noAlpha}} {
			got := ""
			if v := g.ClientsetVersion(c.include); v != nil {
				got = v.Name
			}
			if got != c.want {
				t.Errorf("versions %q, includeAlpha %v: clientset version %q, want %q", tc.versions, c.include, got, c.want)
			}
		}
	}
}

func TestAPIClientsetVersions(t *testing.T) {
	api := &API{}
	for _, gv := range []struct{ group, versions string }{
		{"", "v1"},
		{"apps", "v1 v1beta2 v1beta1"},
		{"lab.example.com", "v2alpha1 v1alpha1"},
		{"storagemigration", "v1alpha1 v1beta1"},
	} {
		g := &Group{Name: gv.group}
		for _, name := range strings.Fields(gv.versions) {
			g.Versions = append(g.Versions, &Version{Group: g, Name: name})
		}
		sortVersions(g.Versions)
		api.Groups = append(api.Groups, g)
	}
	for include, want := range map[bool]string{
		false: "core/v1 apps/v1 storagemigration/v1beta1",
		true:  "core/v1 apps/v1 lab.example.com/v2alpha1 storagemigration/v1beta1",
	} {
		var got []string
		for _, v := range api.ClientsetVersions(include) {
			got = append(got, v.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("includeAlpha %v: %v, want %s", include, got, want)
		}
	}
	for include, want := range map[bool]string{
		false: "core/v1 apps/v1 apps/v1beta2 apps/v1beta1 storagemigration/v1beta1",
		true:  "core/v1 apps/v1 apps/v1beta2 apps/v1beta1 lab.example.com/v2alpha1 lab.example.com/v1alpha1 storagemigration/v1beta1 storagemigration/v1alpha1",
	} {
		var got []string
		for _, v := range api.EveryVersion(include) {
			got = append(got, v.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("EveryVersion, includeAlpha %v: %v, want %s", include, got, want)
		}
	}
	if got := (&Group{}).ClientsetVersion(true); got != nil {
		t.Errorf("a group without versions has clientset version %v", got)
	}
}
