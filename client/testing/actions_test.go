package testing_test

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

	core "github.com/kubegen/kubegen/client/testing"
)

var (
	pods   = schema.GroupVersionResource{Version: "v1", Resource: "pods"}
	nodes  = schema.GroupVersionResource{Version: "v1", Resource: "nodes"}
	podGVK = schema.GroupVersionKind{Version: "v1", Kind: "Pod"}
)

func pod(name string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name}}
}

func impl(verb string, r schema.GroupVersionResource, ns, sub string) core.ActionImpl {
	return core.ActionImpl{Verb: verb, Resource: r, Namespace: ns, Subresource: sub}
}

// Each constructor gives the action the fake clients record for the call it names.
func TestConstructors(t *testing.T) {
	p := pod("a")
	patch := []byte(`{"spec":{}}`)
	sel := metav1.ListOptions{LabelSelector: "app=web", FieldSelector: "spec.nodeName=n1", ResourceVersion: "7", Limit: 3}
	grace := int64(5)
	everything := core.ListRestrictions{Labels: labels.Everything(), Fields: fields.Everything()}
	selected := core.ListRestrictions{Labels: labels.SelectorFromSet(labels.Set{"app": "web"}), Fields: fields.OneTermEqualSelector("spec.nodeName", "n1")}
	tests := []struct {
		name string
		got  core.Action
		want core.Action
	}{
		{"NewGetAction", core.NewGetAction(pods, "ns", "a"), core.GetActionImpl{ActionImpl: impl("get", pods, "ns", ""), Name: "a"}},
		{"NewGetActionWithOptions", core.NewGetActionWithOptions(pods, "ns", "a", metav1.GetOptions{ResourceVersion: "1"}),
			core.GetActionImpl{ActionImpl: impl("get", pods, "ns", ""), Name: "a", GetOptions: metav1.GetOptions{ResourceVersion: "1"}}},
		{"NewRootGetAction", core.NewRootGetAction(nodes, "n"), core.GetActionImpl{ActionImpl: impl("get", nodes, "", ""), Name: "n"}},
		{"NewGetSubresourceAction", core.NewGetSubresourceAction(pods, "ns", "status", "a"), core.GetActionImpl{ActionImpl: impl("get", pods, "ns", "status"), Name: "a"}},
		{"NewRootGetSubresourceAction", core.NewRootGetSubresourceAction(nodes, "status", "n"), core.GetActionImpl{ActionImpl: impl("get", nodes, "", "status"), Name: "n"}},
		{"NewListAction", core.NewListAction(pods, podGVK, "ns", metav1.ListOptions{}),
			core.ListActionImpl{ActionImpl: impl("list", pods, "ns", ""), Kind: podGVK, ListRestrictions: everything}},
		{"NewListActionWithOptions", core.NewListActionWithOptions(pods, podGVK, "ns", sel),
			core.ListActionImpl{ActionImpl: impl("list", pods, "ns", ""), Kind: podGVK, ListRestrictions: selected, ListOptions: sel}},
		{"NewRootListAction", core.NewRootListAction(nodes, podGVK, metav1.ListOptions{}),
			core.ListActionImpl{ActionImpl: impl("list", nodes, "", ""), Kind: podGVK, ListRestrictions: everything}},
		{"NewCreateAction", core.NewCreateAction(pods, "ns", p), core.CreateActionImpl{ActionImpl: impl("create", pods, "ns", ""), Object: p}},
		{"NewCreateActionWithOptions", core.NewCreateActionWithOptions(pods, "ns", p, metav1.CreateOptions{DryRun: []string{"All"}}),
			core.CreateActionImpl{ActionImpl: impl("create", pods, "ns", ""), Object: p, CreateOptions: metav1.CreateOptions{DryRun: []string{"All"}}}},
		{"NewRootCreateAction", core.NewRootCreateAction(nodes, p), core.CreateActionImpl{ActionImpl: impl("create", nodes, "", ""), Object: p}},
		{"NewCreateSubresourceAction", core.NewCreateSubresourceAction(pods, "a", "eviction", "ns", p),
			core.CreateActionImpl{ActionImpl: impl("create", pods, "ns", "eviction"), Name: "a", Object: p}},
		{"NewRootCreateSubresourceAction", core.NewRootCreateSubresourceAction(nodes, "n", "proxy", p),
			core.CreateActionImpl{ActionImpl: impl("create", nodes, "", "proxy"), Name: "n", Object: p}},
		{"NewUpdateAction", core.NewUpdateAction(pods, "ns", p), core.UpdateActionImpl{ActionImpl: impl("update", pods, "ns", ""), Object: p}},
		{"NewUpdateActionWithOptions", core.NewUpdateActionWithOptions(pods, "ns", p, metav1.UpdateOptions{FieldManager: "m"}),
			core.UpdateActionImpl{ActionImpl: impl("update", pods, "ns", ""), Object: p, UpdateOptions: metav1.UpdateOptions{FieldManager: "m"}}},
		{"NewRootUpdateAction", core.NewRootUpdateAction(nodes, p), core.UpdateActionImpl{ActionImpl: impl("update", nodes, "", ""), Object: p}},
		{"NewUpdateSubresourceAction", core.NewUpdateSubresourceAction(pods, "status", "ns", p),
			core.UpdateActionImpl{ActionImpl: impl("update", pods, "ns", "status"), Object: p}},
		{"NewRootUpdateSubresourceAction", core.NewRootUpdateSubresourceAction(nodes, "status", p),
			core.UpdateActionImpl{ActionImpl: impl("update", nodes, "", "status"), Object: p}},
		{"NewPatchAction", core.NewPatchAction(pods, "ns", "a", types.MergePatchType, patch),
			core.PatchActionImpl{ActionImpl: impl("patch", pods, "ns", ""), Name: "a", PatchType: types.MergePatchType, Patch: patch}},
		{"NewPatchActionWithOptions", core.NewPatchActionWithOptions(pods, "ns", "a", types.ApplyPatchType, patch, metav1.PatchOptions{FieldManager: "m"}),
			core.PatchActionImpl{ActionImpl: impl("patch", pods, "ns", ""), Name: "a", PatchType: types.ApplyPatchType, Patch: patch, PatchOptions: metav1.PatchOptions{FieldManager: "m"}}},
		{"NewRootPatchAction", core.NewRootPatchAction(nodes, "n", types.JSONPatchType, patch),
			core.PatchActionImpl{ActionImpl: impl("patch", nodes, "", ""), Name: "n", PatchType: types.JSONPatchType, Patch: patch}},
		{"NewPatchSubresourceAction", core.NewPatchSubresourceAction(pods, "ns", "a", types.MergePatchType, patch, "status"),
			core.PatchActionImpl{ActionImpl: impl("patch", pods, "ns", "status"), Name: "a", PatchType: types.MergePatchType, Patch: patch}},
		{"NewRootPatchSubresourceAction", core.NewRootPatchSubresourceAction(nodes, "n", types.MergePatchType, patch, "status"),
			core.PatchActionImpl{ActionImpl: impl("patch", nodes, "", "status"), Name: "n", PatchType: types.MergePatchType, Patch: patch}},
		{"NewDeleteAction", core.NewDeleteAction(pods, "ns", "a"), core.DeleteActionImpl{ActionImpl: impl("delete", pods, "ns", ""), Name: "a"}},
		{"NewDeleteActionWithOptions", core.NewDeleteActionWithOptions(pods, "ns", "a", metav1.DeleteOptions{GracePeriodSeconds: &grace}),
			core.DeleteActionImpl{ActionImpl: impl("delete", pods, "ns", ""), Name: "a", DeleteOptions: metav1.DeleteOptions{GracePeriodSeconds: &grace}}},
		{"NewRootDeleteAction", core.NewRootDeleteAction(nodes, "n"), core.DeleteActionImpl{ActionImpl: impl("delete", nodes, "", ""), Name: "n"}},
		{"NewDeleteSubresourceAction", core.NewDeleteSubresourceAction(pods, "ephemeral", "ns", "a"),
			core.DeleteActionImpl{ActionImpl: impl("delete", pods, "ns", "ephemeral"), Name: "a"}},
		{"NewDeleteCollectionAction", core.NewDeleteCollectionAction(pods, "ns", sel),
			core.DeleteCollectionActionImpl{ActionImpl: impl("delete-collection", pods, "ns", ""), ListRestrictions: selected, ListOptions: sel}},
		{"NewRootDeleteCollectionAction", core.NewRootDeleteCollectionAction(nodes, metav1.ListOptions{}),
			core.DeleteCollectionActionImpl{ActionImpl: impl("delete-collection", nodes, "", ""), ListRestrictions: everything}},
		{"NewWatchAction", core.NewWatchAction(pods, "ns", sel), core.WatchActionImpl{ActionImpl: impl("watch", pods, "ns", ""),
			WatchRestrictions: core.WatchRestrictions{Labels: selected.Labels, Fields: selected.Fields, ResourceVersion: "7"}, ListOptions: sel}},
		{"NewRootWatchAction", core.NewRootWatchAction(nodes, metav1.ListOptions{}), core.WatchActionImpl{ActionImpl: impl("watch", nodes, "", ""),
			WatchRestrictions: core.WatchRestrictions{Labels: labels.Everything(), Fields: fields.Everything()}}},
		{"NewProxyGetAction", core.NewProxyGetAction(pods, "ns", "https", "a", "8443", "/metrics", map[string]string{"q": "1"}),
			core.ProxyGetActionImpl{ActionImpl: impl("get", pods, "ns", ""), Scheme: "https", Name: "a", Port: "8443", Path: "/metrics", Params: map[string]string{"q": "1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotSel := withoutSelectors(tt.got)
			want, wantSel := withoutSelectors(tt.want)
			if !reflect.DeepEqual(got, want) || gotSel != wantSel {
				t.Errorf("got  %#v (selectors %s)\nwant %#v (selectors %s)", got, gotSel, want, wantSel)
			}
		})
	}
}

// withoutSelectors returns the action with its selectors cleared, and the selectors as text: a
// parsed empty selector and labels.Everything() differ in representation, not in meaning.
func withoutSelectors(a core.Action) (core.Action, string) {
	switch a := a.(type) {
	case core.ListActionImpl:
		r := a.ListRestrictions
		a.ListRestrictions = core.ListRestrictions{}
		return a, r.Labels.String() + " " + r.Fields.String()
	case core.DeleteCollectionActionImpl:
		r := a.ListRestrictions
		a.ListRestrictions = core.ListRestrictions{}
		return a, r.Labels.String() + " " + r.Fields.String()
	case core.WatchActionImpl:
		r := a.WatchRestrictions
		a.WatchRestrictions = core.WatchRestrictions{ResourceVersion: r.ResourceVersion}
		return a, r.Labels.String() + " " + r.Fields.String()
	}
	return a, ""
}

func TestMatches(t *testing.T) {
	status := core.NewUpdateSubresourceAction(pods, "status", "ns", pod("a"))
	plain := core.NewUpdateAction(pods, "ns", pod("a"))
	tests := []struct {
		action         core.Action
		verb, resource string
		want           bool
	}{
		{plain, "update", "pods", true},
		{plain, "UPDATE", "Pods", true}, // case-insensitive, as client-go's
		{plain, "create", "pods", false},
		{plain, "update", "nodes", false},
		{plain, "*", "pods", false}, // no wildcards in Matches
		{plain, "update", "*", false},
		{plain, "update", "pods/status", false},
		{status, "update", "pods", true}, // a resource without subresource matches any subresource
		{status, "update", "pods/status", true},
		{status, "update", "pods/scale", false},
		{status, "update", "nodes/status", false},
	}
	for _, tt := range tests {
		if got := tt.action.Matches(tt.verb, tt.resource); got != tt.want {
			t.Errorf("%s %s/%s Matches(%q, %q) = %v, want %v", tt.action.GetVerb(), tt.action.GetResource().Resource,
				tt.action.GetSubresource(), tt.verb, tt.resource, got, tt.want)
		}
	}
}

// A deep copy shares nothing that a reactor or the caller could change afterwards.
func TestDeepCopySharesNothing(t *testing.T) {
	p := pod("a")
	create := core.NewCreateAction(pods, "ns", p)
	update := core.NewUpdateAction(pods, "ns", p)
	patch := core.NewPatchAction(pods, "ns", "a", types.MergePatchType, []byte("{}"))
	proxy := core.NewProxyGetAction(pods, "ns", "http", "a", "80", "/", map[string]string{"q": "1"})
	generic := core.GenericActionImpl{ActionImpl: impl("get", pods, "ns", ""), Value: p}
	grace := int64(1)
	del := core.NewDeleteActionWithOptions(pods, "ns", "a", metav1.DeleteOptions{GracePeriodSeconds: &grace})
	copies := []core.Action{create.DeepCopy(), update.DeepCopy(), patch.DeepCopy(), proxy.DeepCopy(), generic.DeepCopy(), del.DeepCopy()}

	p.Labels = map[string]string{"changed": "yes"}
	patch.Patch[0] = 'X'
	proxy.Params["q"] = "2"
	grace = 2

	objects := []runtime.Object{copies[0].(core.CreateAction).GetObject(), copies[1].(core.UpdateAction).GetObject(),
		copies[4].(core.GenericAction).GetValue().(runtime.Object)}
	for i, o := range objects {
		if o.(*corev1.Pod).Labels != nil {
			t.Errorf("copy %d shares its object with the original", i)
		}
	}
	if string(copies[2].(core.PatchAction).GetPatch()) != "{}" {
		t.Error("the patch copy shares its bytes")
	}
	if copies[3].(core.ProxyGetAction).GetParams()["q"] != "1" {
		t.Error("the proxy copy shares its params")
	}
	if *copies[5].(core.DeleteAction).GetDeleteOptions().GracePeriodSeconds != 1 {
		t.Error("the delete copy shares its options")
	}
	if copies[0].(core.CreateActionImpl).GetObject() == nil || reflect.TypeOf(copies[0]) != reflect.TypeOf(create) {
		t.Errorf("DeepCopy changed the action's type to %T", copies[0])
	}
}

// A selector that does not parse selects nothing (client-go panics); empty ones select everything.
func TestExtractFromListOptions(t *testing.T) {
	l, f, rv := core.ExtractFromListOptions(metav1.ListOptions{LabelSelector: "a in (", FieldSelector: "x", ResourceVersion: "3"})
	if l.Matches(labels.Set{}) || f.Matches(fields.Set{}) || rv != "3" {
		t.Errorf("bad selectors gave %v and %v, rv %q; want selectors of nothing and rv 3", l, f, rv)
	}
	l, f, _ = core.ExtractFromListOptions("not list options")
	if !l.Empty() || !f.Empty() {
		t.Errorf("other options gave %v and %v, want everything", l, f)
	}
}
