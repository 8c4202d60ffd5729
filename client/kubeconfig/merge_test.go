package kubeconfig

import (
	"reflect"
	"testing"
)

// Merge keeps each name once, from the first config that defines it, in first-seen order.
func TestMergeKeepsFirstDefinitionOfEachName(t *testing.T) {
	first := &Config{
		Clusters:   []NamedCluster{{Name: "c", Cluster: Cluster{Server: "https://first"}}},
		AuthInfos:  []NamedAuthInfo{{Name: "u", AuthInfo: AuthInfo{Username: "first"}}},
		Contexts:   []NamedContext{{Name: "x", Context: Context{Cluster: "c", Namespace: "first"}}},
		Extensions: []NamedExtension{{Name: "e", Extension: []byte(`1`)}},
	}
	second := &Config{
		CurrentContext: "x",
		Preferences:    Preferences{Colors: true, Extensions: []NamedExtension{{Name: "p", Extension: []byte(`2`)}}},
		Clusters:       []NamedCluster{{Name: "c", Cluster: Cluster{Server: "https://second"}}, {Name: "d", Cluster: Cluster{Server: "https://d"}}},
		AuthInfos:      []NamedAuthInfo{{Name: "u", AuthInfo: AuthInfo{Username: "second"}}, {Name: "v"}},
		Contexts:       []NamedContext{{Name: "x", Context: Context{Namespace: "second"}}, {Name: "y"}},
		Extensions:     []NamedExtension{{Name: "e", Extension: []byte(`2`)}},
	}
	third := &Config{CurrentContext: "y"}
	got := Merge(first, nil, second, third)

	names := func(n int, name func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = name(i)
		}
		return out
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"clusters", names(len(got.Clusters), func(i int) string { return got.Clusters[i].Name + "=" + got.Clusters[i].Cluster.Server }),
			[]string{"c=https://first", "d=https://d"}},
		{"users", names(len(got.AuthInfos), func(i int) string { return got.AuthInfos[i].Name + "=" + got.AuthInfos[i].AuthInfo.Username }),
			[]string{"u=first", "v="}},
		{"contexts", names(len(got.Contexts), func(i int) string { return got.Contexts[i].Name + "=" + got.Contexts[i].Context.Namespace }),
			[]string{"x=first", "y="}},
		{"extensions", names(len(got.Extensions), func(i int) string { return got.Extensions[i].Name + "=" + string(got.Extensions[i].Extension) }),
			[]string{"e=1"}},
		{"preference extensions", len(got.Preferences.Extensions), 1},
		{"colors", got.Preferences.Colors, true},
		{"current-context", got.CurrentContext, "x"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}
