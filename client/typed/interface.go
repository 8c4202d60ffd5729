package typed

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// Object is a pointer to an API struct with ObjectMeta, e.g. *corev1.ConfigMap.
type Object interface {
	runtime.Object
	metav1.Object
}

// Reader reads objects of one resource.
type Reader[T Object, L runtime.Object] interface {
	// Get returns the named object.
	Get(ctx context.Context, name string, opts metav1.GetOptions) (T, error)
	// List returns the objects matching opts.
	List(ctx context.Context, opts metav1.ListOptions) (L, error)
	// Watch watches the objects matching opts.
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
}

// Writer writes objects of one resource.
type Writer[T Object] interface {
	// Create creates obj and returns it as stored.
	Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error)
	// Update replaces obj; a non-empty resourceVersion makes it conditional.
	Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error)
	// Delete deletes the named object.
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
	// DeleteCollection deletes the objects matching listOpts.
	DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error
	// Patch patches the named object or one of its subresources.
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (T, error)
	// Apply applies obj with server-side apply.
	Apply(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error)
}

// StatusWriter writes the status subresource.
type StatusWriter[T Object] interface {
	// UpdateStatus replaces the status of obj.
	UpdateStatus(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error)
	// ApplyStatus applies the status of obj with server-side apply.
	ApplyStatus(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error)
}

// SubresourceClient calls subresources whose input and result types differ from the resource's
// (scale, eviction, ...), as +genclient:method extras do.
type SubresourceClient interface {
	// GetSubresource reads the named object's subresource into result.
	GetSubresource(ctx context.Context, name, subresource string, opts runtime.Object, result runtime.Object) error
	// CreateSubresource posts body to the named object's subresource and reads the answer into result.
	CreateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error
	// UpdateSubresource puts body to the named object's subresource and reads the answer into result.
	UpdateSubresource(ctx context.Context, name, subresource string, body, opts, result runtime.Object) error
	// ApplySubresource applies body (with its apiVersion and kind set) to the named object's
	// subresource with server-side apply and reads the answer into result.
	ApplySubresource(ctx context.Context, name, subresource string, body runtime.Object, opts metav1.ApplyOptions, result runtime.Object) error
	// ListSubresource lists the collection (name "") or the named object's subresource into result.
	ListSubresource(ctx context.Context, name, subresource string, opts metav1.ListOptions, result runtime.Object) error
	// PatchSubresource patches the named object or its subresource and reads the answer into result.
	PatchSubresource(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, result runtime.Object, subresources ...string) error
}

// Interface is the whole method set of Client, which the fake Client in package fake also has.
type Interface[T Object, L runtime.Object] interface {
	Reader[T, L]
	Writer[T]
	StatusWriter[T]
	SubresourceClient
}

var _ Interface[Object, runtime.Object] = (*Client[Object, runtime.Object])(nil)
