package kubeconfig

// Merge combines configs in precedence order, as kubectl combines the files of KUBECONFIG: the first
// config to define a cluster, user, context or extension name wins, and current-context comes from
// the first config that sets it. Nil configs are skipped. The result shares no slices with the inputs'
// lists but does share their entries' nested values.
func Merge(configs ...*Config) *Config {
	out := &Config{APIVersion: "v1", Kind: "Config"}
	clusters, users, contexts := map[string]bool{}, map[string]bool{}, map[string]bool{}
	exts, prefExts := map[string]bool{}, map[string]bool{}
	for _, c := range configs {
		if c == nil {
			continue
		}
		for _, e := range c.Clusters {
			if !clusters[e.Name] {
				clusters[e.Name] = true
				out.Clusters = append(out.Clusters, e)
			}
		}
		for _, e := range c.AuthInfos {
			if !users[e.Name] {
				users[e.Name] = true
				out.AuthInfos = append(out.AuthInfos, e)
			}
		}
		for _, e := range c.Contexts {
			if !contexts[e.Name] {
				contexts[e.Name] = true
				out.Contexts = append(out.Contexts, e)
			}
		}
		out.Extensions = mergeExtensions(out.Extensions, c.Extensions, exts)
		out.Preferences.Extensions = mergeExtensions(out.Preferences.Extensions, c.Preferences.Extensions, prefExts)
		out.Preferences.Colors = out.Preferences.Colors || c.Preferences.Colors
		if out.CurrentContext == "" {
			out.CurrentContext = c.CurrentContext
		}
	}
	return out
}

func mergeExtensions(dst, src []NamedExtension, seen map[string]bool) []NamedExtension {
	for _, e := range src {
		if !seen[e.Name] {
			seen[e.Name] = true
			dst = append(dst, e)
		}
	}
	return dst
}
