package cache

import (
	"context"
	"fmt"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// Object is what a cache holds: a pointer to an API type with ObjectMeta, such as *corev1.Pod.
type Object interface {
	runtime.Object
	metav1.Object
}

// ListerWatcher lists and watches one resource. L is its list type, such as *corev1.PodList.
// Typed and fake clients satisfy it.
type ListerWatcher[L runtime.Object] interface {
	List(ctx context.Context, opts metav1.ListOptions) (L, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// WatchListSupporter is implemented by a ListerWatcher whose Watch serves a streaming watch-list
// where the server does (sendInitialEvents=true: the current objects as ADDED events, then a
// bookmark annotated k8s.io/initial-events-end): kubegen's typed, dynamic and fake clients.
// Informers sync with a watch-list by default only through one that says true; a ListerWatcher
// that ignored sendInitialEvents would otherwise never end its sync.
type WatchListSupporter interface {
	SupportsWatchList() bool
}

// supportsWatchList reports whether lw says it is a WatchListSupporter.
func supportsWatchList(lw any) bool {
	s, ok := lw.(WatchListSupporter)
	return ok && s.SupportsWatchList()
}

// ListWatchFuncs is a ListerWatcher made of two functions.
type ListWatchFuncs[L runtime.Object] struct {
	ListFunc  func(ctx context.Context, opts metav1.ListOptions) (L, error)
	WatchFunc func(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// List implements ListerWatcher.
func (f ListWatchFuncs[L]) List(ctx context.Context, opts metav1.ListOptions) (L, error) {
	return f.ListFunc(ctx, opts)
}

// Watch implements ListerWatcher.
func (f ListWatchFuncs[L]) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	return f.WatchFunc(ctx, opts)
}

// WithTweakListOptions returns a ListerWatcher that lets tweak edit the options of every List and
// Watch call of lw (for example to add a label selector). A nil tweak returns lw unchanged.
func WithTweakListOptions[L runtime.Object](lw ListerWatcher[L], tweak func(*metav1.ListOptions)) ListerWatcher[L] {
	if tweak == nil {
		return lw
	}
	return tweakedLW[L]{lw: lw, tweak: tweak}
}

// tweakedLW is the ListerWatcher of WithTweakListOptions; it supports watch-list when lw does.
type tweakedLW[L runtime.Object] struct {
	lw    ListerWatcher[L]
	tweak func(*metav1.ListOptions)
}

func (t tweakedLW[L]) List(ctx context.Context, opts metav1.ListOptions) (L, error) {
	t.tweak(&opts)
	return t.lw.List(ctx, opts)
}

func (t tweakedLW[L]) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	t.tweak(&opts)
	return t.lw.Watch(ctx, opts)
}

func (t tweakedLW[L]) SupportsWatchList() bool { return supportsWatchList(t.lw) }

// MetaNamespaceKey returns the cache key of obj: "namespace/name", or "name" for cluster-scoped
// objects.
func MetaNamespaceKey(obj metav1.Object) string {
	return NamespacedKey(obj.GetNamespace(), obj.GetName())
}

// NamespacedKey returns the cache key for the object called name in namespace ("" for
// cluster-scoped objects).
func NamespacedKey(namespace, name string) string {
	if namespace == "" {
		return name
	}
	return namespace + "/" + name
}

// SplitKey splits a cache key into namespace and name; it is the inverse of MetaNamespaceKey.
func SplitKey(key string) (namespace, name string, err error) {
	parts := strings.Split(key, "/")
	switch {
	case len(parts) == 1 && parts[0] != "":
		return "", parts[0], nil
	case len(parts) == 2 && parts[0] != "" && parts[1] != "":
		return parts[0], parts[1], nil
	}
	return "", "", fmt.Errorf("cache: invalid key %q: want \"name\" or \"namespace/name\"", key)
}

// TransformFunc edits an object before it is stored, for example to drop fields that are never
// read. It receives a freshly decoded object that nothing else references, so it may change it in
// place; it returns the object to store.
type TypedTransformFunc[T Object] func(obj T) T

// TransformStripManagedFields drops metadata.managedFields, which are rarely used by controllers
// and often the largest part of small objects.
func TransformStripManagedFields[T Object](obj T) T {
	obj.SetManagedFields(nil)
	return obj
}
