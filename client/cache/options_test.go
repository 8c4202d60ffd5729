package cache

import (
	"reflect"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"
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
	byApp := TypedIndexers[*corev1.ConfigMap]{"app": func(c *corev1.ConfigMap) ([]string, error) { return []string{c.Labels["app"]}, nil }}
	byName := TypedIndexers[*corev1.ConfigMap]{"name": func(c *corev1.ConfigMap) ([]string, error) { return []string{c.Name}, nil }}
	tweak := func(o *metav1.ListOptions) { o.LabelSelector = "app" }
	tests := []struct {
		name    string
		new     func(lw ListerWatcher[*corev1.ConfigMapList]) *TypedInformer[*corev1.ConfigMap]
		indexes []string
		tweaked bool
		resync  time.Duration
	}{
		{"NewSharedIndexInformer", func(lw ListerWatcher[*corev1.ConfigMapList]) *TypedInformer[*corev1.ConfigMap] {
			// Plain funcs: not a WatchListSupporter, so the informer lists.
			funcs := ListWatchFuncs[*corev1.ConfigMapList]{ListFunc: lw.List, WatchFunc: lw.Watch}
			return NewSharedIndexInformer[*corev1.ConfigMap](funcs, time.Hour, byApp)
		}, []string{"app"}, false, time.Hour},
		{"WithOptions", func(lw ListerWatcher[*corev1.ConfigMapList]) *TypedInformer[*corev1.ConfigMap] {
			return NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, InformerOptions{TweakListOptions: tweak, NoWatchList: true, WatchErrorHandler: func(error) {}}, byApp, byName)
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

// Issue 16 item 1: an informer syncs with a streaming watch-list unless NoWatchList is set, and
// lists when the server refuses it.
func TestInformerSyncsWithWatchListByDefault(t *testing.T) {
	for _, refuse := range []bool{false, true} {
		t.Run(map[bool]string{false: "server supports it", true: "server refuses it"}[refuse], func(t *testing.T) {
			lw := newScriptedLW()
			inf := NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, InformerOptions{WatchErrorHandler: func(error) {}, Backoff: fastBackoff})
			h := &informerHarness{lw: lw, inf: inf, done: make(chan struct{})}
			h.run(t)
			c := lw.expectWatch(t)
			if c.opts.SendInitialEvents == nil || !*c.opts.SendInitialEvents || !c.opts.AllowWatchBookmarks {
				t.Fatalf("first call: Watch(%+v), want a watch-list", c.opts)
			}
			if refuse {
				c.reply <- watchReply{err: apierrors.NewBadRequest("sendInitialEvents is not supported")}
				lw.answerList(t, cmList("5", cm("n", "a", "5")))
				lw.answerWatch(t)
			} else {
				w := watch.NewFake()
				c.reply <- watchReply{w: w}
				w.Add(cm("n", "a", "5"))
				end := cm("", "", "5")
				end.Annotations = map[string]string{metav1.InitialEventsAnnotationKey: "true"}
				w.Action(watch.Bookmark, end)
			}
			eventually(t, "synced", inf.HasSynced)
			if _, ok := inf.Store().GetByKey("n/a"); !ok || inf.Store().Len() != 1 {
				t.Fatalf("cache holds %q", inf.Store().ListKeys())
			}
		})
	}
}

// Only a WatchListSupporter gets a watch-list by default: a ListerWatcher of the user's own (which
// might ignore sendInitialEvents and never end the sync) is listed. WithTweakListOptions keeps
// what it wraps.
func TestWatchListOnlyThroughSupporters(t *testing.T) {
	tweak := func(*metav1.ListOptions) {}
	s := newScriptedLW()
	funcs := ListWatchFuncs[*corev1.ConfigMapList]{ListFunc: s.List, WatchFunc: s.Watch}
	for _, tc := range []struct {
		name string
		lw   ListerWatcher[*corev1.ConfigMapList]
		want bool
	}{
		{"supporter", s, true},
		{"tweaked supporter", WithTweakListOptions[*corev1.ConfigMapList](s, tweak), true},
		{"ListWatchFuncs", funcs, false},
		{"tweaked ListWatchFuncs", WithTweakListOptions[*corev1.ConfigMapList](funcs, tweak), false},
	} {
		if got := supportsWatchList(tc.lw); got != tc.want {
			t.Errorf("%s: supports watch-list = %v, want %v", tc.name, got, tc.want)
		}
	}
	inf := NewSharedIndexInformerWithOptions[*corev1.ConfigMap](funcs, InformerOptions{WatchErrorHandler: func(error) {}})
	h := &informerHarness{lw: s, inf: inf, done: make(chan struct{})}
	h.run(t)
	s.answerList(t, cmList("1", cm("n", "a", "1")))
	s.answerWatch(t)
	eventually(t, "synced", inf.HasSynced)
}
