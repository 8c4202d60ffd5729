package listergen

import (
	"errors"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	examplev1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1"
	"github.com/kubegen/kubegen/client/cache"
	listers "github.com/kubegen/kubegen/lister-gen/testdata/golden/listers/example/v1"
)

func widget(ns, name string, lbls map[string]string) *examplev1.Widget {
	return &examplev1.Widget{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: lbls}}
}

// TestGeneratedListers reads a cache through the golden listers: namespaced and cluster-scoped,
// with selectors, and NotFound errors naming the resource.
func TestGeneratedListers(t *testing.T) {
	widgets := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	for _, w := range []*examplev1.Widget{
		widget("a", "one", map[string]string{"tier": "web"}),
		widget("a", "two", nil),
		widget("b", "one", map[string]string{"tier": "web"}),
	} {
		if err := widgets.Add(w); err != nil {
			t.Fatal(err)
		}
	}
	l := listers.NewWidgetLister(widgets)
	web := labels.SelectorFromSet(labels.Set{"tier": "web"})
	tests := []struct {
		name string
		list func() ([]*examplev1.Widget, error)
		want int
	}{
		{"all namespaces", func() ([]*examplev1.Widget, error) { return l.List(labels.Everything()) }, 3},
		{"all namespaces, selector", func() ([]*examplev1.Widget, error) { return l.List(web) }, 2},
		{"one namespace", func() ([]*examplev1.Widget, error) { return l.Widgets("a").List(labels.Everything()) }, 2},
		{"one namespace, selector", func() ([]*examplev1.Widget, error) { return l.Widgets("a").List(web) }, 1},
		{"empty namespace", func() ([]*examplev1.Widget, error) { return l.Widgets("c").List(labels.Everything()) }, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.list()
			if err != nil || len(got) != tc.want {
				t.Errorf("got %d widgets, %v; want %d", len(got), err, tc.want)
			}
		})
	}
	if w, err := l.Widgets("b").Get("one"); err != nil || w.Namespace != "b" {
		t.Errorf("Get(b/one) = %v, %v", w, err)
	}
	_, err := l.Widgets("b").Get("two")
	var status *apierrors.StatusError
	if !errors.As(err, &status) || !apierrors.IsNotFound(err) || status.ErrStatus.Details.Group != "example.kubegen.io" || status.ErrStatus.Details.Kind != "widgets" {
		t.Errorf("Get(b/two) error = %v, want NotFound for widgets.example.kubegen.io", err)
	}
}

// TestGeneratedClusterLister reads cluster-scoped objects by name.
func TestGeneratedClusterLister(t *testing.T) {
	policies := cache.NewTypedStore[*examplev1.Policy](nil)
	if err := policies.Add(&examplev1.Policy{ObjectMeta: metav1.ObjectMeta{Name: "p"}}); err != nil {
		t.Fatal(err)
	}
	indexer, err := cache.AsIndexer(policies)
	if err != nil {
		t.Fatal(err)
	}
	l := listers.NewPolicyLister(indexer)
	if p, err := l.Get("p"); err != nil || p.Name != "p" {
		t.Errorf("Get(p) = %v, %v", p, err)
	}
	if _, err := l.Get("q"); !apierrors.IsNotFound(err) {
		t.Errorf("Get(q) error = %v, want NotFound", err)
	}
	if all, err := l.List(nil); err != nil || len(all) != 1 {
		t.Errorf("List = %d, %v", len(all), err)
	}
}
