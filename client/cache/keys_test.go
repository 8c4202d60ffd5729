package cache_test

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/cache"
)

func TestObjectNames(t *testing.T) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "p"}}
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n"}}
	cases := []struct {
		obj  any
		want string
	}{
		{pod, "ns/p"},
		{node, "n"},
		{cache.DeletedFinalStateUnknown{Key: "ns/gone", Obj: pod}, "ns/gone"},
	}
	for _, c := range cases {
		n, err := cache.ObjectToName(c.obj)
		if err != nil || n.String() != c.want {
			t.Errorf("ObjectToName(%T) = %v, %v; want %s", c.obj, n, err, c.want)
		}
		key, err := cache.MetaNamespaceKeyFunc(c.obj)
		if err != nil || key != c.want {
			t.Errorf("MetaNamespaceKeyFunc(%T) = %q, %v; want %q", c.obj, key, err, c.want)
		}
	}
	if key, _ := cache.MetaNamespaceKeyFunc(cache.ExplicitKey("a/b/c")); key != "a/b/c" {
		t.Errorf("ExplicitKey: %q", key)
	}
	if _, err := cache.ObjectToName(42); err == nil {
		t.Error("ObjectToName(42): no error")
	}
	ns, name, err := cache.SplitMetaNamespaceKey("ns/p")
	if ns != "ns" || name != "p" || err != nil {
		t.Errorf("SplitMetaNamespaceKey = %q %q %v", ns, name, err)
	}
	if _, err := cache.ParseObjectName("a/b/c"); err == nil {
		t.Error("ParseObjectName(a/b/c): no error")
	}
	if n, _ := cache.ParseObjectName("ns/p"); n != cache.NewObjectName("ns", "p") {
		t.Errorf("ParseObjectName(ns/p) = %#v", n)
	}
}

func TestWaitForNamedCacheSync(t *testing.T) {
	synced := false
	done := make(chan bool)
	stop := make(chan struct{})
	go func() {
		done <- cache.WaitForNamedCacheSync("test", stop, func() bool { return true }, func() bool { return synced })
	}()
	select {
	case <-done:
		t.Fatal("returned before every cache synced")
	case <-time.After(50 * time.Millisecond):
	}
	close(stop)
	if <-done {
		t.Error("true after stopCh closed with a cache unsynced")
	}
	if !cache.WaitForNamedCacheSyncWithContext(context.Background(), func() bool { return true }) {
		t.Error("false with every cache synced")
	}
}
