package fake_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/fake"
)

func names(list *corev1.ConfigMapList) []string {
	out := make([]string, len(list.Items))
	for i, item := range list.Items {
		out[i] = item.Namespace + "/" + item.Name
	}
	return out
}

func TestListSelectors(t *testing.T) {
	objects := []runtime.Object{
		cm("a", "web", map[string]string{"app": "web", "tier": "front"}),
		cm("a", "db", map[string]string{"app": "db", "tier": "back"}),
		cm("b", "web", map[string]string{"app": "web", "tier": "front"}),
		cm("b", "cache", map[string]string{"app": "cache"}),
	}
	tests := []struct {
		name      string
		namespace string
		opts      metav1.ListOptions
		want      []string
		wantErr   func(error) bool
	}{
		{"all namespaces", "", metav1.ListOptions{}, []string{"a/db", "a/web", "b/cache", "b/web"}, nil},
		{"one namespace", "b", metav1.ListOptions{}, []string{"b/cache", "b/web"}, nil},
		{"label equality", "", metav1.ListOptions{LabelSelector: "app=web"}, []string{"a/web", "b/web"}, nil},
		{"label set", "", metav1.ListOptions{LabelSelector: "app in (db,cache)"}, []string{"a/db", "b/cache"}, nil},
		{"label exists", "", metav1.ListOptions{LabelSelector: "!tier"}, []string{"b/cache"}, nil},
		{"label and namespace", "a", metav1.ListOptions{LabelSelector: "tier=front"}, []string{"a/web"}, nil},
		{"field name", "", metav1.ListOptions{FieldSelector: "metadata.name=web"}, []string{"a/web", "b/web"}, nil},
		{"field namespace", "", metav1.ListOptions{FieldSelector: "metadata.namespace!=a"}, []string{"b/cache", "b/web"}, nil},
		{"fields and labels", "", metav1.ListOptions{FieldSelector: "metadata.namespace=b", LabelSelector: "app=web"}, []string{"b/web"}, nil},
		{"unsupported field", "", metav1.ListOptions{FieldSelector: "data.k=v"}, nil, apierrors.IsBadRequest},
		{"bad label selector", "", metav1.ListOptions{LabelSelector: "app in (("}, nil, apierrors.IsBadRequest},
		{"bad field selector", "", metav1.ListOptions{FieldSelector: "metadata.name"}, nil, apierrors.IsBadRequest},
	}
	tr := newTracker(t, objects...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := configMaps(tr, tt.namespace).List(context.Background(), tt.opts)
			if tt.wantErr != nil {
				if !tt.wantErr(err) {
					t.Fatalf("got error %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := names(list); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSelectableField(t *testing.T) {
	tr := newTracker(t)
	c := fake.NewClient(tr, cmGVR, cmGVK, "ns",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} },
		fake.WithSelectableField("data.k", func(obj runtime.Object) string { return obj.(*corev1.ConfigMap).Data["k"] }))
	mustCreate(t, c, cm("ns", "one", nil))
	other := cm("ns", "two", nil)
	other.Data["k"] = "w"
	mustCreate(t, c, other)
	list, err := c.List(context.Background(), metav1.ListOptions{FieldSelector: "data.k=w"})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(list); !slices.Equal(got, []string{"ns/two"}) {
		t.Errorf("got %v", got)
	}
}

func TestListPaginationIsConsistent(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	for i := range 7 {
		mustCreate(t, c, cm("ns", "cm"+strconv.Itoa(i), nil))
	}
	page, err := c.List(ctx, metav1.ListOptions{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(page); !slices.Equal(got, []string{"ns/cm0", "ns/cm1", "ns/cm2"}) || page.Continue == "" {
		t.Fatalf("first page %v continue %q", got, page.Continue)
	}
	if page.RemainingItemCount == nil || *page.RemainingItemCount != 4 {
		t.Errorf("remainingItemCount %v, want 4", page.RemainingItemCount)
	}
	listRV := page.ResourceVersion

	// Writes between pages must not show up in the rest of the list.
	if err := c.Delete(ctx, "cm4", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, c, cm("ns", "cm35", nil))
	changed := mustCreate(t, c, cm("ns", "zz", nil))
	changed.Data["k"] = "later"
	if _, err := c.Update(ctx, changed, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}

	var rest []string
	for cont := page.Continue; cont != ""; cont = page.Continue {
		if page, err = c.List(ctx, metav1.ListOptions{Limit: 3, Continue: cont}); err != nil {
			t.Fatal(err)
		}
		if page.ResourceVersion != listRV {
			t.Errorf("page resourceVersion %s, want the first page's %s", page.ResourceVersion, listRV)
		}
		rest = append(rest, names(page)...)
	}
	if want := []string{"ns/cm3", "ns/cm4", "ns/cm5", "ns/cm6"}; !slices.Equal(rest, want) {
		t.Errorf("remaining pages %v, want the snapshot %v", rest, want)
	}

	first, _ := c.List(ctx, metav1.ListOptions{Limit: 1})
	mustCreate(t, c, cm("ns", "before-compaction", nil))
	tr.Compact()
	if _, err := c.List(ctx, metav1.ListOptions{Limit: 1, Continue: first.Continue}); !apierrors.IsResourceExpired(err) {
		t.Errorf("continue after compaction: got %v, want 410 Expired", err)
	}
}

func TestListResourceVersion(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	mustCreate(t, c, cm("ns", "a", nil))
	then := tr.ResourceVersion()
	mustCreate(t, c, cm("ns", "b", nil))

	exact, err := c.List(ctx, metav1.ListOptions{ResourceVersion: then, ResourceVersionMatch: metav1.ResourceVersionMatchExact})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(exact); !slices.Equal(got, []string{"ns/a"}) || exact.ResourceVersion != then {
		t.Errorf("exact list at %s: %v at %s", then, got, exact.ResourceVersion)
	}
	notOlder, err := c.List(ctx, metav1.ListOptions{ResourceVersion: then})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(notOlder); len(got) != 2 {
		t.Errorf("not-older-than list: %v, want both", got)
	}
	if _, err := c.List(ctx, metav1.ListOptions{ResourceVersion: "999999"}); !apierrors.IsTimeout(err) {
		t.Errorf("future resourceVersion: got %v, want Timeout (too large resource version)", err)
	}
	if _, err := c.List(ctx, metav1.ListOptions{ResourceVersion: "abc"}); !apierrors.IsBadRequest(err) {
		t.Errorf("malformed resourceVersion: got %v, want BadRequest", err)
	}
	tr.Compact()
	if _, err := c.List(ctx, metav1.ListOptions{ResourceVersion: then, ResourceVersionMatch: metav1.ResourceVersionMatchExact}); !apierrors.IsResourceExpired(err) {
		t.Errorf("exact list after compaction: got %v, want Expired", err)
	}
}

// List and watch options are validated as by the apiserver.
func TestListOptionsValidation(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	yes := true
	for _, opts := range []metav1.ListOptions{
		{ResourceVersionMatch: metav1.ResourceVersionMatchExact},
		{ResourceVersion: "0", ResourceVersionMatch: metav1.ResourceVersionMatchExact},
		{ResourceVersion: "1", ResourceVersionMatch: "Bogus"},
		{SendInitialEvents: &yes},
	} {
		if _, err := c.List(context.Background(), opts); !apierrors.IsInvalid(err) {
			t.Errorf("list %+v: got %v, want Invalid", opts, err)
		}
	}
	if _, err := c.Watch(context.Background(), metav1.ListOptions{ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}); !apierrors.IsInvalid(err) {
		t.Errorf("watch with resourceVersionMatch alone: got %v, want Invalid", err)
	}
}
