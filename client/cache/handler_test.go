package cache

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

func TestFilteringResourceEventHandler(t *testing.T) {
	web := func(c *corev1.ConfigMap) bool { return c.Labels["app"] == "web" }
	in, out := cm("a", "x", "1", "app", "web"), cm("a", "x", "2", "app", "db")
	tests := []struct {
		name string
		call func(h TypedResourceEventHandler[*corev1.ConfigMap])
		want []string
	}{
		{"add passing", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnAdd(in, true) }, []string{"add a/x@1 initial=true"}},
		{"add failing", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnAdd(out, true) }, nil},
		{"update staying in", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnUpdate(in, in) }, []string{"update a/x@1->1"}},
		{"update entering", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnUpdate(out, in) }, []string{"add a/x@1 initial=false"}},
		{"update leaving", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnUpdate(in, out) }, []string{"delete a/x@1"}},
		{"update staying out", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnUpdate(out, out) }, nil},
		{"delete passing", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnDelete(in) }, []string{"delete a/x@1"}},
		{"delete failing", func(h TypedResourceEventHandler[*corev1.ConfigMap]) { h.OnDelete(out) }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder()
			tc.call(TypedFilteringResourceEventHandler[*corev1.ConfigMap]{FilterFunc: web, Handler: rec})
			if got := rec.snapshot(); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestResourceEventHandlerFuncsSkipNil(t *testing.T) {
	var deleted []string
	h := TypedResourceEventHandlerFuncs[*corev1.ConfigMap]{DeleteFunc: func(c *corev1.ConfigMap) { deleted = append(deleted, c.Name) }}
	h.OnAdd(cm("a", "x", "1"), false)
	h.OnUpdate(cm("a", "x", "1"), cm("a", "x", "2"))
	h.OnDelete(cm("a", "x", "2"))
	if !slices.Equal(deleted, []string{"x"}) {
		t.Fatalf("deleted = %q", deleted)
	}
}
