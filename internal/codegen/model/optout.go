package model

import "strings"

// Generators a package's doc.go can turn off with code-generator v0.37's opt-out tags
// (+k8s:client-gen=false, ...). Each names the command whose output the tag keeps out.
const (
	ClientGen             = "client-gen"
	ListerGen             = "lister-gen"
	InformerGen           = "informer-gen"
	ApplyConfigurationGen = "applyconfiguration-gen"
)

// optOutTools are the generators with a package opt-out tag, +k8s:<tool>=false.
var optOutTools = []string{ClientGen, ListerGen, InformerGen, ApplyConfigurationGen}

// Generates tells whether the package's doc.go leaves tool on: it is off only with
// +k8s:<tool>=false.
func (v *Version) Generates(tool string) bool { return !v.off[tool] }

// Enabled is the API restricted to the versions whose doc.go turns none of tools off, dropping
// groups left with no version. api itself is not changed; the versions are shared.
func (api *API) Enabled(tools ...string) *API {
	return api.filter(func(v *Version) bool { return v.generatesAll(tools) })
}

// filter is the API restricted to the versions keep keeps (asked in group order), dropping groups
// left with no version. api itself is not changed; the versions are shared.
func (api *API) filter(keep func(*Version) bool) *API {
	out := &API{Universe: api.Universe}
	for _, g := range api.Groups {
		var kept []*Version
		for _, v := range g.Versions {
			if keep(v) {
				kept = append(kept, v)
			}
		}
		if len(kept) == 0 {
			continue
		}
		copied := *g
		copied.Versions = kept
		out.Groups = append(out.Groups, &copied)
	}
	return out
}

func (v *Version) generatesAll(tools []string) bool {
	for _, t := range tools {
		if !v.Generates(t) {
			return false
		}
	}
	return true
}

// Off lists, in tools' order, those of tools that some input package turns off: for messages
// saying why a generator has nothing to do.
func (api *API) Off(tools ...string) []string {
	var out []string
	for _, t := range tools {
	search:
		for _, g := range api.Groups {
			for _, v := range g.Versions {
				if !v.Generates(t) {
					out = append(out, "+k8s:"+t+"=false")
					break search
				}
			}
		}
	}
	return out
}

// optOuts reads the opt-out tags among a package's doc.go tags. Like code-generator v0.37 a tag
// may be repeated but not with both true and false; unlike it, a value other than true or false is
// an error (code-generator takes any other value as true, so a typo such as "flase" would leave the
// generator on).
func optOuts(tags []Tag, errs *errorList) map[string]bool {
	off := map[string]bool{}
	for _, tool := range optOutTools {
		var first *Tag
		for i := range tags {
			t := &tags[i]
			if t.Name != "k8s:"+tool {
				continue
			}
			value := strings.TrimSpace(t.Value)
			if t.HasValue && value != "true" && value != "false" {
				errs.add(t.Pos, "malformed tag %s: want +k8s:%s=false to turn %s off for this package (or =true)", t, tool, tool)
				continue
			}
			isOff := value == "false"
			if first != nil && off[tool] != isOff {
				errs.add(t.Pos, "%s contradicts %s (%s)", t, first, first.Pos)
				continue
			}
			first, off[tool] = t, isOff
		}
	}
	return off
}
