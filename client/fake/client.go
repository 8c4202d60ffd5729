package fake

import (
	"context"
	"github.com/kubegen/kubegen/client/testing"
	"reflect"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// Object is a pointer to an API struct with ObjectMeta, e.g. *corev1.ConfigMap; the same constraint as
// typed.Object.
type Object interface {
	runtime.Object
	metav1.Object
}

// Client is the fake of typed.Client: the same methods, served by a Tracker. Every call is recorded
// (Tracker.Actions) and passes the tracker's reactors first. Results are deep copies with an empty
// TypeMeta, as the real typed client decodes them.
type Client[T Object, L runtime.Object] struct {
	tracker   *Tracker
	resource  schema.GroupVersionResource
	kind      schema.GroupVersionKind
	namespace string
	newObject func() T
	newList   func() L
}

// NewClient returns a fake client for one resource in namespace ("" for all namespaces or a
// cluster-scoped resource), registering the resource with the tracker as opts describe it.
func NewClient[T Object, L runtime.Object](tracker *Tracker, gvr schema.GroupVersionResource, gvk schema.GroupVersionKind,
	namespace string, newObject func() T, newList func() L, opts ...Option) *Client[T, L] {
	r := Resource{Resource: gvr, Kind: gvk, NewObject: func() runtime.Object { return newObject() }}
	for _, opt := range opts {
		opt(&r)
	}
	tracker.Register(r)
	return &Client[T, L]{tracker: tracker, resource: gvr, kind: gvk, namespace: namespace, newObject: newObject, newList: newList}
}

// Tracker returns the tracker serving the client.
func (c *Client[T, L]) Tracker() *Tracker { return c.tracker }

// Namespace returns the namespace the client is bound to ("" for all or cluster-scoped).
func (c *Client[T, L]) Namespace() string { return c.namespace }

// Get returns the named object.
func (c *Client[T, L]) Get(ctx context.Context, name string, opts metav1.GetOptions) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	if handled, ret, err := c.tracker.react(c.getAction(name, "", opts)); handled {
		return c.result(ret, err)
	}
	obj, err := c.tracker.Get(c.resource, c.namespace, name)
	if err != nil {
		return c.newObject(), err
	}
	out, err := c.convertRead(obj)
	if err != nil {
		return c.newObject(), err
	}
	return out.(T), nil
}

// List returns the objects matching opts.
func (c *Client[T, L]) List(ctx context.Context, opts metav1.ListOptions) (L, error) {
	if err := ctx.Err(); err != nil {
		return c.newList(), err
	}
	if handled, ret, err := c.tracker.react(c.listAction("", "", opts)); handled {
		return c.listResult(ret, err)
	}
	items, lm, err := c.tracker.List(c.resource, c.namespace, opts)
	if err != nil {
		return c.newList(), err
	}
	for i, item := range items {
		if items[i], err = c.convertRead(item); err != nil {
			return c.newList(), err
		}
	}
	list := c.newList()
	if err := meta.SetList(list, items); err != nil {
		return list, apierrors.NewInternalError(err)
	}
	if la, err := meta.ListAccessor(list); err == nil {
		la.SetResourceVersion(lm.ResourceVersion)
		la.SetContinue(lm.Continue)
		la.SetRemainingItemCount(lm.RemainingItemCount)
	}
	return list, nil
}

// SupportsWatchList reports that Watch serves sendInitialEvents as the apiserver does (see
// Tracker.Watch), so informers (client/cache) may sync through it with a streaming watch-list.
func (c *Client[T, L]) SupportsWatchList() bool { return true }

// Watch watches the objects matching opts; see Tracker.Watch for the semantics.
func (c *Client[T, L]) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a := testing.NewWatchActionWithOptions(c.resource, c.namespace, opts)
	if handled, w, err := c.tracker.reactWatch(a); handled {
		return w, err
	}
	return c.tracker.watch(ctx, c.resource, c.namespace, opts, c.watchObject)
}

// Create creates obj.
func (c *Client[T, L]) Create(ctx context.Context, obj T, opts metav1.CreateOptions) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	if err := checkObject(obj); err != nil {
		return c.newObject(), err
	}
	if handled, ret, err := c.tracker.react(c.createAction("", "", obj, opts)); handled {
		return c.result(ret, err)
	}
	return c.result(c.tracker.Create(c.resource, c.namespace, obj, opts))
}

// Update replaces obj, keeping its stored status if the resource has a status subresource.
func (c *Client[T, L]) Update(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	return c.update(obj, opts, "")
}

// UpdateStatus replaces the status of obj.
func (c *Client[T, L]) UpdateStatus(ctx context.Context, obj T, opts metav1.UpdateOptions) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	return c.update(obj, opts, "status")
}

func (c *Client[T, L]) update(obj T, opts metav1.UpdateOptions, subresource string) (T, error) {
	if err := checkObject(obj); err != nil {
		return c.newObject(), err
	}
	if handled, ret, err := c.tracker.react(c.updateAction(subresource, obj, opts)); handled {
		return c.result(ret, err)
	}
	return c.result(c.tracker.Update(c.resource, c.namespace, obj, opts, subresource))
}

// Delete deletes the named object.
func (c *Client[T, L]) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if handled, _, err := c.tracker.react(testing.DeleteActionImpl{ActionImpl: c.actionImpl("delete", ""), Name: name, DeleteOptions: opts}); handled {
		return err
	}
	return c.tracker.Delete(c.resource, c.namespace, name, opts)
}

// DeleteCollection deletes the objects matching listOpts.
func (c *Client[T, L]) DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a := testing.NewDeleteCollectionActionWithOptions(c.resource, c.namespace, opts, listOpts)
	if handled, _, err := c.tracker.react(a); handled {
		return err
	}
	return c.tracker.DeleteCollection(c.resource, c.namespace, opts, listOpts)
}

// Patch patches the named object, or its subresource ("status").
func (c *Client[T, L]) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions,
	subresources ...string) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	subresource := strings.Join(subresources, "/")
	if handled, ret, err := c.tracker.react(c.patchAction(name, subresource, pt, data, opts)); handled {
		return c.result(ret, err)
	}
	return c.result(c.tracker.Patch(c.resource, c.namespace, name, pt, data, opts, subresource))
}

// Apply applies obj (server-side apply, approximated: see the package documentation).
func (c *Client[T, L]) Apply(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	return c.apply(obj, opts, "")
}

// ApplyStatus applies the status of obj.
func (c *Client[T, L]) ApplyStatus(ctx context.Context, obj T, opts metav1.ApplyOptions) (T, error) {
	if err := ctx.Err(); err != nil {
		return c.newObject(), err
	}
	return c.apply(obj, opts, "status")
}

func (c *Client[T, L]) apply(obj T, opts metav1.ApplyOptions, subresource string) (T, error) {
	if err := checkObject(obj); err != nil {
		return c.newObject(), err
	}
	if obj.GetName() == "" {
		return c.newObject(), apierrors.NewBadRequest("the object to apply must have a name")
	}
	a, err := c.applyAction(obj.GetName(), subresource, obj, opts)
	if err != nil {
		return c.newObject(), err
	}
	if handled, ret, err := c.tracker.react(a); handled {
		return c.result(ret, err)
	}
	return c.result(c.tracker.Apply(c.resource, c.namespace, obj, opts.ToPatchOptions(), subresource))
}

// result converts a tracker answer to T.
func (c *Client[T, L]) result(obj runtime.Object, err error) (T, error) {
	if err != nil {
		return c.newObject(), err
	}
	if obj == nil {
		return c.newObject(), apierrors.NewInternalError(errNilResult)
	}
	out, err := c.convert(obj)
	if err != nil {
		return c.newObject(), err
	}
	return out.(T), nil
}

func (c *Client[T, L]) listResult(obj runtime.Object, err error) (L, error) {
	if err != nil {
		return c.newList(), err
	}
	list, ok := obj.(L)
	if !ok {
		return c.newList(), apierrors.NewInternalError(errNilResult)
	}
	return list, nil
}

// convert returns obj as a T with an empty TypeMeta (unstructured objects keep theirs).
func (c *Client[T, L]) convert(obj runtime.Object) (runtime.Object, error) {
	if _, ok := obj.(T); !ok {
		var err error
		if obj, err = convertLike(obj, c.newObject()); err != nil {
			return nil, err
		}
	}
	if _, ok := obj.(*unstructured.Unstructured); !ok {
		obj.GetObjectKind().SetGroupVersionKind(schema.GroupVersionKind{})
	}
	return obj, nil
}

// convertRead is convert for a stored object being read: one added by AddAsGiven keeps the TypeMeta
// it was given, as client-go's tracker returns it.
func (c *Client[T, L]) convertRead(obj runtime.Object) (runtime.Object, error) {
	if !givenAsIs(obj) {
		return c.convert(obj)
	}
	given, err := meta.TypeAccessor(obj)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	apiVersion, kind := given.GetAPIVersion(), given.GetKind()
	out, err := c.convert(obj)
	if err != nil {
		return nil, err
	}
	typ, err := meta.TypeAccessor(out)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	typ.SetAPIVersion(apiVersion)
	typ.SetKind(kind)
	return out, nil
}

// watchObject prepares an event's object for the watcher: a deep copy, converted to T.
func (c *Client[T, L]) watchObject(obj runtime.Object) runtime.Object {
	obj = obj.DeepCopyObject()
	if _, ok := obj.(*metav1.Status); ok {
		return obj
	}
	if out, err := c.convertRead(obj); err == nil {
		return out
	}
	return obj
}

// checkObject rejects nil objects, which would otherwise panic deep inside the tracker.
func checkObject(obj runtime.Object) error {
	if obj == nil || (reflect.ValueOf(obj).Kind() == reflect.Pointer && reflect.ValueOf(obj).IsNil()) {
		return apierrors.NewBadRequest("the object is nil")
	}
	return nil
}
