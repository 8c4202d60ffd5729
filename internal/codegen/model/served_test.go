package model

import (
	"errors"
	"strings"
	"testing"
)

// removedKind is a kind whose +k8s:prerelease-lifecycle-gen:removed tags have the given values
// (none for a kind still served), written at types.go:line.
func removedKind(name string, line int, values ...string) *Kind {
	k := &Kind{Name: name}
	for i, v := range values {
		k.Removed = append(k.Removed, Tag{Name: removedTag, Value: v, HasValue: true, Pos: Position{File: "types.go", Line: line + i}})
	}
	return k
}

func TestParseRelease(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Release
		err  bool
	}{
		{in: "1.35", want: Release{1, 35}},
		{in: "1.9", want: Release{1, 9}},
		{in: "2.0", want: Release{2, 0}},
		{in: "v1.35", err: true},
		{in: "1.35.0", err: true},
		{in: "1", err: true},
		{in: "1.x", err: true},
		{in: " 1.35", err: true},
		{in: "", err: true},
		{in: "1.99999999999999999999", err: true},
	} {
		got, err := ParseRelease(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("ParseRelease(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestVersionServedIn(t *testing.T) {
	r := Release{1, 35}
	for _, tc := range []struct {
		name  string
		kinds []*Kind
		want  bool
	}{
		{"every kind removed before", []*Kind{removedKind("Deployment", 5, "1.16"), removedKind("Ingress", 9, "1.22")}, false},
		{"removed in the release itself", []*Kind{removedKind("Deployment", 5, "1.35")}, false},
		{"removed after", []*Kind{removedKind("Deployment", 5, "1.36")}, true},
		{"a later major", []*Kind{removedKind("Deployment", 5, "2.0")}, true},
		{"one kind untagged", []*Kind{removedKind("Deployment", 5, "1.16"), removedKind("Policy", 9)}, true},
		{"no kind tagged", []*Kind{removedKind("Policy", 9)}, true},
	} {
		v := &Version{Name: "v1beta1", Kinds: tc.kinds}
		got, err := v.ServedIn(r)
		if err != nil || got != tc.want {
			t.Errorf("%s: ServedIn(1.35) = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func TestVersionServedInBadTags(t *testing.T) {
	for _, tc := range []struct {
		kind *Kind
		want string
	}{
		{removedKind("Deployment", 7, "1.x"), "types.go:7: malformed tag +k8s:prerelease-lifecycle-gen:removed=1.x on Deployment"},
		{removedKind("Deployment", 7, "v1.16"), "types.go:7: malformed tag"},
		{removedKind("Deployment", 7, "1.16", "1.22"), "types.go:8: duplicate +k8s:prerelease-lifecycle-gen:removed on Deployment (first at types.go:7)"},
		{&Kind{Name: "Deployment", Removed: []Tag{{Name: removedTag, Pos: Position{File: "types.go", Line: 4}}}}, "types.go:4: malformed tag +k8s:prerelease-lifecycle-gen:removed on"},
	} {
		v := &Version{Name: "v1beta1", Kinds: []*Kind{removedKind("Ingress", 2, "1.22"), tc.kind}}
		_, err := v.ServedIn(Release{1, 35})
		var pe *Error
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &pe) {
			t.Errorf("ServedIn with %v: error %v, want one containing %q", tc.kind.Removed, err, tc.want)
		}
	}
}

func TestAPIServedIn(t *testing.T) {
	api := &API{}
	add := func(group, version string, kinds ...*Kind) {
		var g *Group
		for _, have := range api.Groups {
			if have.Name == group {
				g = have
			}
		}
		if g == nil {
			g = &Group{Name: group}
			api.Groups = append(api.Groups, g)
		}
		g.Versions = append(g.Versions, &Version{Group: g, Name: version, Kinds: kinds})
	}
	add("extensions", "v1beta1", removedKind("Deployment", 5, "1.16"), removedKind("Ingress", 9, "1.22"))
	add("apps", "v1", removedKind("Deployment", 5))
	add("apps", "v1beta1", removedKind("Deployment", 5, "1.16"))
	add("admissionregistration", "v1beta1", removedKind("ValidatingWebhookConfiguration", 5, "1.22"), removedKind("ValidatingAdmissionPolicy", 9))

	served, dropped, err := api.ServedIn(Release{1, 35})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, g := range served.Groups {
		for _, v := range g.Versions {
			got = append(got, v.String())
		}
	}
	if want := "apps/v1 admissionregistration/v1beta1"; strings.Join(got, " ") != want {
		t.Errorf("served: %v, want %s", got, want)
	}
	got = nil
	for _, v := range dropped {
		got = append(got, v.String())
	}
	if want := "extensions/v1beta1 apps/v1beta1"; strings.Join(got, " ") != want {
		t.Errorf("dropped: %v, want %s", got, want)
	}
	if len(api.Groups) != 3 || len(api.Groups[1].Versions) != 2 {
		t.Errorf("ServedIn changed api")
	}

	// Every bad tag is reported at once.
	add("bad", "v1", removedKind("A", 3, "x"), removedKind("B", 8, "1.2.3"))
	_, _, err = api.ServedIn(Release{1, 35})
	if err == nil || !strings.Contains(err.Error(), "types.go:3:") || !strings.Contains(err.Error(), "types.go:8:") {
		t.Errorf("error %v, want both bad tags", err)
	}
}
