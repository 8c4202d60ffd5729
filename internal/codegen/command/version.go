package command

import "runtime/debug"

// module is kubegen's module path: the generators' version is the version of this module in the
// binary's build information.
const module = "github.com/kubegen/kubegen"

// Version is the version of kubegen the running binary was built from: the module version when it
// was built from a release or pseudo-version (go install …@v0.3.0, go tool in a user's module),
// else the VCS revision of a development build ("(devel) 0123456789ab", "-dirty" when the tree had
// changes), else "(devel)".
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	for _, m := range append([]*debug.Module{&info.Main}, info.Deps...) {
		if m.Path != module {
			continue
		}
		if m.Replace != nil {
			m = m.Replace
		}
		if m.Version != "" && m.Version != "(devel)" {
			return m.Version
		}
	}
	var revision string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if revision == "" || info.Main.Path != module { // a revision of some other repository
		return "(devel)"
	}
	if len(revision) > 12 {
		revision = revision[:12]
	}
	if dirty {
		revision += "-dirty"
	}
	return "(devel) " + revision
}
