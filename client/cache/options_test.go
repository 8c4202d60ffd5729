package cache

import (
	"reflect"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestInformerOptionsName(t *testing.T) {
	typ := reflect.TypeFor[*corev1.ConfigMap]()
	tests := []struct {
		opts InformerOptions
		want string
	}{
		{InformerOptions{}, "*v1.ConfigMap"},
		{InformerOptions{Namespace: "a"}, "*v1.ConfigMap in namespace a"},
		{InformerOptions{Resource: configMaps}, "configmaps"},
		{InformerOptions{Resource: configMaps, Namespace: "a"}, "configmaps in namespace a"},
		{InformerOptions{Resource: configMaps, Namespace: "a", Name: "mine"}, "mine"},
	}
	for _, tc := range tests {
		if got := tc.opts.name(typ); got != tc.want {
			t.Errorf("%+v: name %q, want %q", tc.opts, got, tc.want)
		}
	}
}

// The client-go shaped constructors: NewSharedIndexInformer(lw, resync, indexers) and
// NewSharedIndexInformerWithOptions(lw, opts, indexers...), which also applies the list tweak.
func TestInformerConstructors(t *testing.T) {
	byApp := Indexers[*corev1.ConfigMap]{"app": func(c *corev1.ConfigMap) ([]string, error) { return []string{c.Labels["app"]}, nil }}
	byName := Indexers[*corev1.ConfigMap]{"name": func(c *corev1.ConfigMap) ([]string, error) { return []string{c.Name}, nil }}
	tweak := func(o *metav1.ListOptions) { o.LabelSelector = "app" }
	tests := []struct {
		name    string
		new     func(lw ListerWatcher[*corev1.ConfigMapList]) *SharedIndexInformer[*corev1.ConfigMap]
		indexes []string
		tweaked bool
		resync  time.Duration
	}{
		{"NewSharedIndexInformer", func(lw ListerWatcher[*corev1.ConfigMapList]) *SharedIndexInformer[*corev1.ConfigMap] {
			return NewSharedIndexInformer[*corev1.ConfigMap](lw, time.Hour, byApp)
		}, []string{"app"}, false, time.Hour},
		{"WithOptions", func(lw ListerWatcher[*corev1.ConfigMapList]) *SharedIndexInformer[*corev1.ConfigMap] {
			return NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, InformerOptions{TweakListOptions: tweak, WatchErrorHandler: func(error) {}}, byApp, byName)
		}, []string{"app", "name"}, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lw := newScriptedLW()
			inf := tc.new(lw)
			if inf.defaultResync != tc.resync {
				t.Errorf("resync %v, want %v", inf.defaultResync, tc.resync)
			}
			h := &informerHarness{lw: lw, inf: inf, done: make(chan struct{})}
			h.run(t)
			opts := lw.answerList(t, cmList("1", cm("n", "a", "1", "app", "web")))
			lw.answerWatch(t)
			eventually(t, "synced", inf.HasSynced)
			if got := opts.LabelSelector == "app"; got != tc.tweaked {
				t.Errorf("list options tweaked = %v, want %v", got, tc.tweaked)
			}
			for _, index := range tc.indexes {
				if keys, err := inf.Store().IndexValues(index); err != nil || len(keys) != 1 {
					t.Errorf("index %q: values %q, %v", index, keys, err)
				}
			}
		})
	}
}
