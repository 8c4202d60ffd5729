package cache

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/klog/v2"
)

// This file holds client-go's names for object keys and sync functions, for controllers that keep
// keys in work queues and handle untyped objects: ObjectName, ObjectToName, MetaNamespaceKeyFunc,
// SplitMetaNamespaceKey, DeletedFinalStateUnknown, InformerSynced.

// ObjectName is the namespace and name of an object, a comparable work queue key. Its String form
// is the object's cache key ("namespace/name", or "name" when cluster-scoped).
type ObjectName struct {
	Namespace string
	Name      string
}

// NewObjectName returns the ObjectName of the object called name in namespace.
func NewObjectName(namespace, name string) ObjectName {
	return ObjectName{Namespace: namespace, Name: name}
}

// String returns the cache key: "namespace/name", or "name" when Namespace is empty.
func (n ObjectName) String() string { return NamespacedKey(n.Namespace, n.Name) }

// Parts returns the namespace and the name.
func (n ObjectName) Parts() (namespace, name string) { return n.Namespace, n.Name }

// ParseObjectName parses a cache key ("namespace/name" or "name") into an ObjectName.
func ParseObjectName(key string) (ObjectName, error) {
	namespace, name, err := SplitKey(key)
	return ObjectName{Namespace: namespace, Name: name}, err
}

// MetaObjectToName returns the ObjectName of obj.
func MetaObjectToName(obj metav1.Object) ObjectName {
	return ObjectName{Namespace: obj.GetNamespace(), Name: obj.GetName()}
}

// ObjectToName returns the ObjectName of obj, which must have object metadata (any API object, or
// a DeletedFinalStateUnknown, whose Key is used).
func ObjectToName(obj any) (ObjectName, error) {
	if d, ok := obj.(DeletedFinalStateUnknown); ok {
		return ParseObjectName(d.Key)
	}
	m, err := meta.Accessor(obj)
	if err != nil {
		return ObjectName{}, fmt.Errorf("cache: object %T has no metadata: %w", obj, err)
	}
	return MetaObjectToName(m), nil
}

// DeletionHandlingObjectToName is ObjectToName; both accept a DeletedFinalStateUnknown.
func DeletionHandlingObjectToName(obj any) (ObjectName, error) { return ObjectToName(obj) }

// ExplicitKey is a cache key given as is: MetaNamespaceKeyFunc returns it unchanged.
type ExplicitKey string

// MetaNamespaceKeyFunc returns the cache key of obj ("namespace/name" or "name"). obj is an API
// object, an ExplicitKey or a DeletedFinalStateUnknown (whose Key it returns).
func MetaNamespaceKeyFunc(obj any) (string, error) {
	if key, ok := obj.(ExplicitKey); ok {
		return string(key), nil
	}
	n, err := ObjectToName(obj)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

// DeletionHandlingMetaNamespaceKeyFunc is MetaNamespaceKeyFunc; both accept a
// DeletedFinalStateUnknown.
func DeletionHandlingMetaNamespaceKeyFunc(obj any) (string, error) { return MetaNamespaceKeyFunc(obj) }

// SplitMetaNamespaceKey splits a cache key into namespace and name (SplitKey under client-go's name).
func SplitMetaNamespaceKey(key string) (namespace, name string, err error) { return SplitKey(key) }

// DeletedFinalStateUnknown is client-go's delete tombstone: an object deleted while its watch was
// down, whose final state is unknown. Obj is the last state the cache knew. kubegen's typed
// informers hand OnDelete that last state itself (typed as the informer's object), never this
// wrapper; it exists for code shared with untyped caches, and ObjectToName and MetaNamespaceKeyFunc
// accept it.
type DeletedFinalStateUnknown struct {
	Key string
	Obj any
}

// InformerSynced reports whether an informer has synced, client-go's type for an informer's
// HasSynced method value. It is a Syncer, so WaitForCacheSync waits for it.
type InformerSynced func() bool

// HasSynced implements Syncer.
func (f InformerSynced) HasSynced() bool { return f() }

// WaitForNamedCacheSync waits until every cacheSync reports synced or stopCh closes, logging the
// wait under controllerName; it reports whether all synced. WaitForCacheSync is the form that says
// which cache did not sync and why.
func WaitForNamedCacheSync(controllerName string, stopCh <-chan struct{}, cacheSyncs ...InformerSynced) bool {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-stopCh:
			cancel()
		case <-ctx.Done():
		}
	}()
	return waitNamed(ctx, controllerName, cacheSyncs)
}

// WaitForNamedCacheSyncWithContext is WaitForNamedCacheSync ending when ctx does.
func WaitForNamedCacheSyncWithContext(ctx context.Context, cacheSyncs ...InformerSynced) bool {
	return waitNamed(ctx, "", cacheSyncs)
}

func waitNamed(ctx context.Context, controllerName string, cacheSyncs []InformerSynced) bool {
	syncers := make([]Syncer, len(cacheSyncs))
	for i, s := range cacheSyncs {
		syncers[i] = s
	}
	klog.FromContext(ctx).Info("Waiting for caches to sync", "controller", controllerName)
	if err := WaitForCacheSync(ctx, syncers...); err != nil {
		klog.FromContext(ctx).Error(err, "Unable to sync caches", "controller", controllerName)
		return false
	}
	klog.FromContext(ctx).Info("Caches are synced", "controller", controllerName)
	return true
}
