package command

import (
	"runtime/debug"
	"testing"
)

// TestVersionOf (issue 17 item 6): the module version from the build info, or the VCS revision of
// a development build of kubegen itself.
func TestVersionOf(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}
	dirty := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}
	kubegen := func(v string) debug.Module { return debug.Module{Path: module, Version: v} }
	for _, tc := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install @version", debug.BuildInfo{Main: kubegen("v0.3.0")}, "v0.3.0"},
		{"go tool in a user's module", debug.BuildInfo{Main: debug.Module{Path: "example.com/me", Version: "(devel)"},
			Deps: []*debug.Module{{Path: module, Version: "v0.3.1-0.20261201000000-0123456789ab"}}, Settings: rev},
			"v0.3.1-0.20261201000000-0123456789ab"},
		{"development build", debug.BuildInfo{Main: kubegen("(devel)"), Settings: rev}, "(devel) 0123456789ab"},
		{"development build with changes", debug.BuildInfo{Main: kubegen("(devel)"), Settings: dirty}, "(devel) 0123456789ab-dirty"},
		{"no VCS information", debug.BuildInfo{Main: kubegen("(devel)")}, "(devel)"},
		{"replaced by a local copy in a user's module", debug.BuildInfo{Main: debug.Module{Path: "example.com/me"},
			Deps: []*debug.Module{{Path: module, Version: "v0.0.0", Replace: &debug.Module{Path: "../kubegen"}}}, Settings: rev}, "(devel)"},
	} {
		if got := versionOf(&tc.info); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
