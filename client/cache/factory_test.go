package cache

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestFactorySharesOneInformerPerType(t *testing.T) {
	lw := newScriptedLW()
	var tweaked metav1.ListOptions
	f := NewFactory(InformerOptions{
		Namespace:         "team-a",
		TweakListOptions:  func(o *metav1.ListOptions) { o.LabelSelector = "app=web" },
		Transform:         func(obj Object) { obj.SetAnnotations(map[string]string{"seen": "yes"}) },
		WatchErrorHandler: func(error) {},
		NoWatchList:       true,
	})
	created := 0
	newInformer := func(o InformerOptions) *TypedInformer[*corev1.ConfigMap] {
		created++
		o.Resource = configMaps
		return NewSharedIndexInformerWithOptions[*corev1.ConfigMap](lw, o)
	}
	first := InformerFor(f, newInformer)
	second := InformerFor(f, newInformer)
	if first != second || created != 1 {
		t.Fatalf("got %d informers for one type", created)
	}
	if got := first.String(); got != "configmaps in namespace team-a" {
		t.Fatalf("informer name = %q", got)
	}
	rec := newRecorder()
	addHandler(t, first, rec)

	f.StartWithContext(context.Background())
	f.StartWithContext(context.Background()) // starting twice starts nothing twice
	c := lw.expectList(t)
	tweaked = c.opts
	c.reply <- listReply{list: cmList("1", cm("team-a", "x", "1"))}
	lw.answerWatch(t)
	if tweaked.LabelSelector != "app=web" {
		t.Fatalf("list options %+v miss the tweak", tweaked)
	}
	if err := f.WaitForCacheSyncWithContext(testContext(t)).Err; err != nil {
		t.Fatal(err)
	}
	if got, _ := first.Store().GetByKey("team-a/x"); got.Annotations["seen"] != "yes" {
		t.Fatal("factory transform not applied")
	}
	rec.waitFor(t, 1)
	f.Shutdown()
	if !first.IsStopped() {
		t.Fatal("informer still running after Shutdown")
	}
	f.StartWithContext(context.Background())
	if _, err := first.AddTypedEventHandler(rec); err == nil {
		t.Fatal("informer accepted a handler after the factory shut down")
	}
}

func TestFactoryWaitForCacheSyncOnlyWaitsForStartedInformers(t *testing.T) {
	f := NewFactory(InformerOptions{})
	defer f.Shutdown()
	InformerFor(f, func(o InformerOptions) *TypedInformer[*corev1.ConfigMap] {
		o.Resource = configMaps
		return NewSharedIndexInformerWithOptions[*corev1.ConfigMap](newScriptedLW(), o)
	})
	if err := f.WaitForCacheSyncWithContext(testContext(t)).Err; err != nil {
		t.Fatalf("nothing started, yet WaitForCacheSync = %v", err)
	}
}
