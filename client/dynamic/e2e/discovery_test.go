//go:build e2e

package e2e

import (
	"sort"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/discovery"
)

// resourceSet renders discovered resources as sorted "group/version:resource kind namespaced verbs" lines.
func resourceSet(lists []*metav1.APIResourceList) []string {
	var out []string
	for _, l := range lists {
		for _, r := range l.APIResources {
			verbs := append([]string(nil), r.Verbs...)
			sort.Strings(verbs)
			out = append(out, l.GroupVersion+":"+r.Name+" "+r.Kind+" "+boolString(r.Namespaced)+" "+strings.Join(verbs, ",")+
				" short="+strings.Join(r.ShortNames, ","))
		}
	}
	sort.Strings(out)
	return out
}

func boolString(b bool) string {
	if b {
		return "namespaced"
	}
	return "cluster"
}

func TestAggregatedAndLegacyDiscoveryAgree(t *testing.T) {
	cfg, n := countingConfig()
	agg, err := discovery.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	groups, lists, err := agg.ServerGroupsAndResources(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Load(); got != 2 {
		t.Errorf("aggregated discovery took %d requests, want 2 (/api and /apis)", got)
	}
	legacy, err := discovery.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	legacy.LegacyOnly = true
	before := n.Load()
	lgroups, llists, err := legacy.ServerGroupsAndResources(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Load() - before; got <= 2 {
		t.Errorf("legacy discovery took %d requests; it must fetch each group/version", got)
	}
	if len(groups) != len(lgroups) {
		t.Fatalf("aggregated found %d groups, legacy %d", len(groups), len(lgroups))
	}
	for i := range groups {
		if groups[i].Name != lgroups[i].Name || groups[i].PreferredVersion != lgroups[i].PreferredVersion {
			t.Errorf("group %d: aggregated %s (preferred %s), legacy %s (preferred %s)", i,
				groups[i].Name, groups[i].PreferredVersion.GroupVersion, lgroups[i].Name, lgroups[i].PreferredVersion.GroupVersion)
		}
	}
	a, l := resourceSet(lists), resourceSet(llists)
	if strings.Join(a, "\n") != strings.Join(l, "\n") {
		t.Errorf("aggregated and legacy resources differ:\naggregated %d entries, legacy %d", len(a), len(l))
		diff(t, a, l)
	}
	for _, want := range []string{
		"v1:pods Pod namespaced create,delete,deletecollection,get,list,patch,update,watch short=po",
		"v1:nodes Node cluster create,delete,deletecollection,get,list,patch,update,watch short=no",
		"apps/v1:deployments/scale Scale namespaced get,patch,update short=",
		"v1:pods/exec PodExecOptions namespaced create,get short=",
	} {
		if !contains(a, want) {
			t.Errorf("discovery lacks %q", want)
		}
	}
	if groups[0].Name != "" || groups[0].PreferredVersion.Version != "v1" {
		t.Errorf("the core group must come first: %+v", groups[0])
	}
}

func diff(t *testing.T, a, b []string) {
	t.Helper()
	inA := map[string]bool{}
	for _, x := range a {
		inA[x] = true
	}
	for _, x := range b {
		if !inA[x] {
			t.Logf("only legacy: %s", x)
		}
		delete(inA, x)
	}
	for x := range inA {
		t.Logf("only aggregated: %s", x)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasGroup(list *metav1.APIGroupList, name string) bool {
	for _, g := range list.Groups {
		if g.Name == name {
			return true
		}
	}
	return false
}

// A CRD installed after discovery was cached is found once the cache is invalidated; the RESTMapper
// does that by itself on a miss.
func TestCRDFoundAfterInvalidation(t *testing.T) {
	widgets := schema.GroupVersionResource{Group: "discovery.example.com", Version: "v1", Resource: "widgets"}
	disc, err := discovery.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	mem := discovery.NewMemory(disc)
	mapper := discovery.NewRESTMapper(ctx(t), mem)
	if _, err := mapper.ResourceFor(schema.GroupVersionResource{Resource: "widgets"}); !meta.IsNoMatchError(err) {
		t.Fatalf("before the CRD: err = %v, want no match", err)
	}
	before, err := mem.ServerGroups(ctx(t))
	if err != nil || hasGroup(before, widgets.Group) {
		t.Fatalf("before the CRD: groups have %s? %v", widgets.Group, err)
	}

	installCRD(t, dynamicClient(t), crdFor(widgets, "Widget", "widget", "wd"))

	cached, _ := mem.ServerGroups(ctx(t))
	if hasGroup(cached, widgets.Group) {
		t.Fatal("the memory cache changed without being invalidated")
	}
	for _, in := range []string{"wd", "widgets", "widget"} {
		got, err := mapper.ResourceFor(schema.GroupVersionResource{Resource: in})
		if err != nil || got != widgets {
			t.Errorf("ResourceFor(%s) = %v, %v; want %v", in, got, err, widgets)
		}
	}
	gvk, err := mapper.KindFor(schema.GroupVersionResource{Resource: "wd"})
	if err != nil || gvk != widgets.GroupVersion().WithKind("Widget") {
		t.Errorf("KindFor(wd) = %v, %v", gvk, err)
	}
	mapping, err := mapper.RESTMapping(schema.GroupKind{Kind: "Widget"})
	if err != nil || mapping.Resource != widgets || mapping.Scope.Name() != meta.RESTScopeNameNamespace {
		t.Errorf("RESTMapping(Widget) = %+v, %v", mapping, err)
	}
	after, err := mem.ServerGroups(ctx(t))
	if err != nil || !hasGroup(after, widgets.Group) {
		t.Errorf("after the mapper's refresh the shared cache lacks %s (%v)", widgets.Group, err)
	}
	legacy, _ := discovery.NewForConfig(testCluster.AdminConfig())
	legacy.LegacyOnly = true
	res, err := legacy.ServerResourcesForGroupVersion(ctx(t), widgets.GroupVersion().String())
	if err != nil || len(res.APIResources) == 0 || res.APIResources[0].Name != "widgets" {
		t.Errorf("legacy per-group discovery of %s: %+v, %v", widgets.GroupVersion(), res, err)
	}
}

// The CronTab CRD of the examples maps by plural, short name and kind, and its group shows up in
// discovery once the RESTMapper has refreshed the shared cache.
func TestRESTMapperMapsCronTabs(t *testing.T) {
	disc, err := discovery.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	mem := discovery.NewMemory(disc)
	if _, err := mem.ServerGroups(ctx(t)); err != nil { // fill the cache, possibly before the CRD exists
		t.Fatal(err)
	}
	crontabs(t, "restmapper") // installs the CronTab CRD once per package
	mapper := discovery.NewRESTMapper(ctx(t), mem)
	for _, in := range []string{"crontabs", "ct", "crontab"} {
		got, err := mapper.ResourceFor(schema.GroupVersionResource{Resource: in})
		if err != nil || got != crontabGVR {
			t.Errorf("ResourceFor(%s) = %v, %v; want %v", in, got, err, crontabGVR)
		}
	}
	mapping, err := mapper.RESTMapping(schema.GroupKind{Kind: "CronTab"})
	if err != nil || mapping.Resource != crontabGVR || mapping.Scope.Name() != meta.RESTScopeNameNamespace {
		t.Fatalf("RESTMapping(CronTab) = %+v, %v", mapping, err)
	}
	gvk, err := mapper.KindFor(schema.GroupVersionResource{Resource: "ct"})
	if err != nil || gvk != crontabGVR.GroupVersion().WithKind("CronTab") {
		t.Errorf("KindFor(ct) = %v, %v", gvk, err)
	}
	groups, err := mem.ServerGroups(ctx(t))
	if err != nil || !hasGroup(groups, crontabGVR.Group) {
		t.Errorf("discovery lacks %s after the mapper's refresh (%v)", crontabGVR.Group, err)
	}
}
