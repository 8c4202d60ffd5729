package applyconfig

import (
	"testing"

	"k8s.io/gengo/v2/types"
)

// TestFor maps types outside the generated packages: explicit entries first (an empty package means
// none), then meta/v1's to the runtime package, then k8s.io/api's to the blessed tree (except when
// generating that tree).
func TestFor(t *testing.T) {
	podSpec := types.Name{Package: "k8s.io/api/core/v1", Name: "PodSpec"}
	userInfo := types.Name{Package: "k8s.io/api/authentication/v1", Name: "UserInfo"}
	tests := []struct {
		name   string
		layout Layout
		in     types.Name
		want   string
	}{
		{"meta/v1 runtime", Layout{Root: "x"}, types.Name{Package: MetaV1, Name: "ObjectMeta"}, RuntimeMetaV1 + ".ObjectMetaApplyConfiguration"},
		{"meta/v1 outside the runtime", Layout{Root: "x"}, types.Name{Package: MetaV1, Name: "ListMeta"}, ""},
		{"k8s.io/api", Layout{Root: "x"}, podSpec, BlessedRoot + "/core/v1.PodSpecApplyConfiguration"},
		{"k8s.io/api in the blessed run", Layout{Root: BlessedRoot}, podSpec, ""},
		{"explicit", Layout{Root: "x", External: map[types.Name]string{userInfo: "example.com/ac/authentication/v1"}}, userInfo, "example.com/ac/authentication/v1.UserInfoApplyConfiguration"},
		{"explicit none", Layout{Root: "x", External: map[types.Name]string{podSpec: ""}}, podSpec, ""},
		{"other module", Layout{Root: "x"}, types.Name{Package: "example.com/other/v1", Name: "Thing"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, ok := newPlan(tc.layout).For(tc.in)
			got := ""
			if ok {
				got = n.String()
			}
			if got != tc.want {
				t.Errorf("For(%s) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseExternal(t *testing.T) {
	got, err := ParseExternal([]string{"k8s.io/api/core/v1.PodSpec:example.com/ac/core/v1", "k8s.io/api/core/v1.Volume:"})
	if err != nil {
		t.Fatal(err)
	}
	if got[types.Name{Package: "k8s.io/api/core/v1", Name: "PodSpec"}] != "example.com/ac/core/v1" {
		t.Errorf("PodSpec → %q", got[types.Name{Package: "k8s.io/api/core/v1", Name: "PodSpec"}])
	}
	if pkg, ok := got[types.Name{Package: "k8s.io/api/core/v1", Name: "Volume"}]; !ok || pkg != "" {
		t.Errorf("Volume → %q, %v; want an entry with no package", pkg, ok)
	}
	for _, bad := range []string{"k8s.io/api/core/v1.PodSpec", "PodSpec:example.com/ac", ":example.com/ac"} {
		if _, err := ParseExternal([]string{bad}); err == nil {
			t.Errorf("ParseExternal(%q) succeeded", bad)
		}
	}
}
