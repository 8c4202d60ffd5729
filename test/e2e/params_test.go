//go:build e2e

package e2e

import (
	"fmt"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestListOptionsAsQueryParameters sends metav1 option structs through the parameter codec and checks
// that the apiserver honoured them: label and field selectors, paging with limit and continue, and
// dry-run creation.
func TestListOptionsAsQueryParameters(t *testing.T) {
	t.Parallel()
	ns := newNamespace(t)
	core := restClient(t, testCluster.AdminConfig(), coreV1, protobufType)
	cms := configMaps{core, ns}
	for i := range 5 {
		cm := newConfigMap(fmt.Sprintf("cm-%d", i), nil)
		cm.Labels = map[string]string{"parity": []string{"even", "odd"}[i%2]}
		cms.create(t, cm)
	}
	list := func(opts *metav1.ListOptions) *corev1.ConfigMapList {
		t.Helper()
		out := &corev1.ConfigMapList{}
		err := core.Get().Namespace(ns).Resource("configmaps").VersionedParams(opts, parameterCodec).Do(t.Context()).Into(out)
		if err != nil {
			t.Fatalf("list %+v: %v", opts, err)
		}
		return out
	}
	names := func(l *corev1.ConfigMapList) []string {
		var out []string
		for _, cm := range l.Items {
			out = append(out, cm.Name)
		}
		return out
	}

	if got := names(list(&metav1.ListOptions{LabelSelector: "parity=even"})); !slices.Equal(got, []string{"cm-0", "cm-2", "cm-4"}) {
		t.Errorf("label selector parity=even: %v", got)
	}
	if got := names(list(&metav1.ListOptions{FieldSelector: "metadata.name=cm-3"})); !slices.Equal(got, []string{"cm-3"}) {
		t.Errorf("field selector metadata.name=cm-3: %v", got)
	}

	var paged []string
	opts := &metav1.ListOptions{Limit: 2}
	for pages := 1; ; pages++ {
		page := list(opts)
		if len(page.Items) > 2 {
			t.Fatalf("page of %d items with limit 2", len(page.Items))
		}
		paged = append(paged, names(page)...)
		if page.Continue == "" {
			if pages != 3 {
				t.Errorf("%d pages, want 3", pages)
			}
			break
		}
		opts.Continue = page.Continue
	}
	if want := []string{"cm-0", "cm-1", "cm-2", "cm-3", "cm-4"}; !slices.Equal(paged, want) {
		t.Errorf("paged list %v, want %v", paged, want)
	}

	dry := &metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}}
	err := core.Post().Namespace(ns).Resource("configmaps").VersionedParams(dry, parameterCodec).
		Body(newConfigMap("dry", nil)).Do(t.Context()).Error()
	if err != nil {
		t.Fatalf("dry-run create: %v", err)
	}
	if _, err := cms.get(t, "dry"); !apierrors.IsNotFound(err) {
		t.Fatalf("get after a dry-run create: %v, want NotFound", err)
	}
}
