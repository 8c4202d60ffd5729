package testing

import (
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

// The constructors build the actions the fake clients record, to compare with Fake.Actions. Those
// named Root are for cluster-scoped resources (no namespace); those ending in WithOptions take the
// call's options, the others leave them empty.

func action(verb string, resource schema.GroupVersionResource, namespace, subresource string) ActionImpl {
	return ActionImpl{Verb: verb, Resource: resource, Namespace: namespace, Subresource: subresource}
}

// NewGetAction returns the action of getting the named object in namespace.
func NewGetAction(resource schema.GroupVersionResource, namespace, name string) GetActionImpl {
	return NewGetActionWithOptions(resource, namespace, name, metav1.GetOptions{})
}

// NewGetActionWithOptions is NewGetAction with the get's options.
func NewGetActionWithOptions(resource schema.GroupVersionResource, namespace, name string, opts metav1.GetOptions) GetActionImpl {
	return GetActionImpl{ActionImpl: action("get", resource, namespace, ""), Name: name, GetOptions: opts}
}

// NewRootGetAction returns the action of getting the named cluster-scoped object.
func NewRootGetAction(resource schema.GroupVersionResource, name string) GetActionImpl {
	return NewGetActionWithOptions(resource, "", name, metav1.GetOptions{})
}

// NewRootGetActionWithOptions is NewRootGetAction with the get's options.
func NewRootGetActionWithOptions(resource schema.GroupVersionResource, name string, opts metav1.GetOptions) GetActionImpl {
	return NewGetActionWithOptions(resource, "", name, opts)
}

// NewGetSubresourceAction returns the action of getting a subresource of the named object.
func NewGetSubresourceAction(resource schema.GroupVersionResource, namespace, subresource, name string) GetActionImpl {
	return NewGetSubresourceActionWithOptions(resource, namespace, subresource, name, metav1.GetOptions{})
}

// NewGetSubresourceActionWithOptions is NewGetSubresourceAction with the get's options.
func NewGetSubresourceActionWithOptions(resource schema.GroupVersionResource, namespace, subresource, name string, opts metav1.GetOptions) GetActionImpl {
	return GetActionImpl{ActionImpl: action("get", resource, namespace, subresource), Name: name, GetOptions: opts}
}

// NewRootGetSubresourceAction returns the action of getting a subresource of a cluster-scoped object.
func NewRootGetSubresourceAction(resource schema.GroupVersionResource, subresource, name string) GetActionImpl {
	return NewGetSubresourceActionWithOptions(resource, "", subresource, name, metav1.GetOptions{})
}

// NewRootGetSubresourceActionWithOptions is NewRootGetSubresourceAction with the get's options.
func NewRootGetSubresourceActionWithOptions(resource schema.GroupVersionResource, subresource, name string, opts metav1.GetOptions) GetActionImpl {
	return NewGetSubresourceActionWithOptions(resource, "", subresource, name, opts)
}

// NewListAction returns the action of listing objects of kind in namespace; opts is a
// metav1.ListOptions (anything else counts as empty options).
func NewListAction(resource schema.GroupVersionResource, kind schema.GroupVersionKind, namespace string, opts interface{}) ListActionImpl {
	listOpts, _ := opts.(metav1.ListOptions)
	return NewListActionWithOptions(resource, kind, namespace, listOpts)
}

// NewListActionWithOptions is NewListAction with typed options.
func NewListActionWithOptions(resource schema.GroupVersionResource, kind schema.GroupVersionKind, namespace string, opts metav1.ListOptions) ListActionImpl {
	l, f, _ := ExtractFromListOptions(opts)
	return ListActionImpl{ActionImpl: action("list", resource, namespace, ""), Kind: kind,
		ListRestrictions: ListRestrictions{Labels: l, Fields: f}, ListOptions: opts}
}

// NewRootListAction returns the action of listing cluster-scoped objects (or all namespaces').
func NewRootListAction(resource schema.GroupVersionResource, kind schema.GroupVersionKind, opts interface{}) ListActionImpl {
	return NewListAction(resource, kind, "", opts)
}

// NewRootListActionWithOptions is NewRootListAction with typed options.
func NewRootListActionWithOptions(resource schema.GroupVersionResource, kind schema.GroupVersionKind, opts metav1.ListOptions) ListActionImpl {
	return NewListActionWithOptions(resource, kind, "", opts)
}

// NewCreateAction returns the action of creating object in namespace.
func NewCreateAction(resource schema.GroupVersionResource, namespace string, object runtime.Object) CreateActionImpl {
	return NewCreateActionWithOptions(resource, namespace, object, metav1.CreateOptions{})
}

// NewCreateActionWithOptions is NewCreateAction with the create's options.
func NewCreateActionWithOptions(resource schema.GroupVersionResource, namespace string, object runtime.Object, opts metav1.CreateOptions) CreateActionImpl {
	return CreateActionImpl{ActionImpl: action("create", resource, namespace, ""), Object: object, CreateOptions: opts}
}

// NewRootCreateAction returns the action of creating a cluster-scoped object.
func NewRootCreateAction(resource schema.GroupVersionResource, object runtime.Object) CreateActionImpl {
	return NewCreateActionWithOptions(resource, "", object, metav1.CreateOptions{})
}

// NewRootCreateActionWithOptions is NewRootCreateAction with the create's options.
func NewRootCreateActionWithOptions(resource schema.GroupVersionResource, object runtime.Object, opts metav1.CreateOptions) CreateActionImpl {
	return NewCreateActionWithOptions(resource, "", object, opts)
}

// NewCreateSubresourceAction returns the action of creating a subresource (an eviction, a binding,
// a token) of the named object.
func NewCreateSubresourceAction(resource schema.GroupVersionResource, name, subresource, namespace string, object runtime.Object) CreateActionImpl {
	return NewCreateSubresourceActionWithOptions(resource, name, subresource, namespace, object, metav1.CreateOptions{})
}

// NewCreateSubresourceActionWithOptions is NewCreateSubresourceAction with the create's options.
func NewCreateSubresourceActionWithOptions(resource schema.GroupVersionResource, name, subresource, namespace string, object runtime.Object, opts metav1.CreateOptions) CreateActionImpl {
	return CreateActionImpl{ActionImpl: action("create", resource, namespace, subresource), Name: name, Object: object, CreateOptions: opts}
}

// NewRootCreateSubresourceAction returns the action of creating a subresource of a cluster-scoped object.
func NewRootCreateSubresourceAction(resource schema.GroupVersionResource, name, subresource string, object runtime.Object) CreateActionImpl {
	return NewCreateSubresourceActionWithOptions(resource, name, subresource, "", object, metav1.CreateOptions{})
}

// NewRootCreateSubresourceActionWithOptions is NewRootCreateSubresourceAction with the create's options.
func NewRootCreateSubresourceActionWithOptions(resource schema.GroupVersionResource, name, subresource string, object runtime.Object, opts metav1.CreateOptions) CreateActionImpl {
	return NewCreateSubresourceActionWithOptions(resource, name, subresource, "", object, opts)
}

// NewUpdateAction returns the action of updating object in namespace.
func NewUpdateAction(resource schema.GroupVersionResource, namespace string, object runtime.Object) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, "", namespace, object, metav1.UpdateOptions{})
}

// NewUpdateActionWithOptions is NewUpdateAction with the update's options.
func NewUpdateActionWithOptions(resource schema.GroupVersionResource, namespace string, object runtime.Object, opts metav1.UpdateOptions) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, "", namespace, object, opts)
}

// NewRootUpdateAction returns the action of updating a cluster-scoped object.
func NewRootUpdateAction(resource schema.GroupVersionResource, object runtime.Object) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, "", "", object, metav1.UpdateOptions{})
}

// NewRootUpdateActionWithOptions is NewRootUpdateAction with the update's options.
func NewRootUpdateActionWithOptions(resource schema.GroupVersionResource, object runtime.Object, opts metav1.UpdateOptions) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, "", "", object, opts)
}

// NewUpdateSubresourceAction returns the action of updating a subresource ("status", "scale") of
// object in namespace.
func NewUpdateSubresourceAction(resource schema.GroupVersionResource, subresource string, namespace string, object runtime.Object) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, subresource, namespace, object, metav1.UpdateOptions{})
}

// NewUpdateSubresourceActionWithOptions is NewUpdateSubresourceAction with the update's options.
func NewUpdateSubresourceActionWithOptions(resource schema.GroupVersionResource, subresource string, namespace string, object runtime.Object, opts metav1.UpdateOptions) UpdateActionImpl {
	return UpdateActionImpl{ActionImpl: action("update", resource, namespace, subresource), Object: object, UpdateOptions: opts}
}

// NewRootUpdateSubresourceAction returns the action of updating a subresource of a cluster-scoped object.
func NewRootUpdateSubresourceAction(resource schema.GroupVersionResource, subresource string, object runtime.Object) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, subresource, "", object, metav1.UpdateOptions{})
}

// NewRootUpdateSubresourceActionWithOptions is NewRootUpdateSubresourceAction with the update's options.
func NewRootUpdateSubresourceActionWithOptions(resource schema.GroupVersionResource, subresource string, object runtime.Object, opts metav1.UpdateOptions) UpdateActionImpl {
	return NewUpdateSubresourceActionWithOptions(resource, subresource, "", object, opts)
}

// NewPatchAction returns the action of patching the named object in namespace.
func NewPatchAction(resource schema.GroupVersionResource, namespace string, name string, pt types.PatchType, patch []byte) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, namespace, name, pt, patch, metav1.PatchOptions{})
}

// NewPatchActionWithOptions is NewPatchAction with the patch's options.
func NewPatchActionWithOptions(resource schema.GroupVersionResource, namespace string, name string, pt types.PatchType, patch []byte, opts metav1.PatchOptions) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, namespace, name, pt, patch, opts)
}

// NewRootPatchAction returns the action of patching the named cluster-scoped object.
func NewRootPatchAction(resource schema.GroupVersionResource, name string, pt types.PatchType, patch []byte) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, "", name, pt, patch, metav1.PatchOptions{})
}

// NewRootPatchActionWithOptions is NewRootPatchAction with the patch's options.
func NewRootPatchActionWithOptions(resource schema.GroupVersionResource, name string, pt types.PatchType, patch []byte, opts metav1.PatchOptions) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, "", name, pt, patch, opts)
}

// NewPatchSubresourceAction returns the action of patching subresources (joined by "/") of the
// named object in namespace.
func NewPatchSubresourceAction(resource schema.GroupVersionResource, namespace, name string, pt types.PatchType, patch []byte, subresources ...string) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, namespace, name, pt, patch, metav1.PatchOptions{}, subresources...)
}

// NewPatchSubresourceActionWithOptions is NewPatchSubresourceAction with the patch's options.
func NewPatchSubresourceActionWithOptions(resource schema.GroupVersionResource, namespace, name string, pt types.PatchType, patch []byte, opts metav1.PatchOptions, subresources ...string) PatchActionImpl {
	return PatchActionImpl{ActionImpl: action("patch", resource, namespace, strings.Join(subresources, "/")),
		Name: name, PatchType: pt, Patch: patch, PatchOptions: opts}
}

// NewRootPatchSubresourceAction returns the action of patching subresources of a cluster-scoped object.
func NewRootPatchSubresourceAction(resource schema.GroupVersionResource, name string, pt types.PatchType, patch []byte, subresources ...string) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, "", name, pt, patch, metav1.PatchOptions{}, subresources...)
}

// NewRootPatchSubresourceActionWithOptions is NewRootPatchSubresourceAction with the patch's options.
func NewRootPatchSubresourceActionWithOptions(resource schema.GroupVersionResource, name string, pt types.PatchType, patch []byte, opts metav1.PatchOptions, subresources ...string) PatchActionImpl {
	return NewPatchSubresourceActionWithOptions(resource, "", name, pt, patch, opts, subresources...)
}

// NewDeleteAction returns the action of deleting the named object in namespace.
func NewDeleteAction(resource schema.GroupVersionResource, namespace, name string) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, "", namespace, name, metav1.DeleteOptions{})
}

// NewDeleteActionWithOptions is NewDeleteAction with the delete's options.
func NewDeleteActionWithOptions(resource schema.GroupVersionResource, namespace, name string, opts metav1.DeleteOptions) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, "", namespace, name, opts)
}

// NewRootDeleteAction returns the action of deleting the named cluster-scoped object.
func NewRootDeleteAction(resource schema.GroupVersionResource, name string) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, "", "", name, metav1.DeleteOptions{})
}

// NewRootDeleteActionWithOptions is NewRootDeleteAction with the delete's options.
func NewRootDeleteActionWithOptions(resource schema.GroupVersionResource, name string, opts metav1.DeleteOptions) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, "", "", name, opts)
}

// NewDeleteSubresourceAction returns the action of deleting a subresource of the named object.
func NewDeleteSubresourceAction(resource schema.GroupVersionResource, subresource, namespace, name string) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, subresource, namespace, name, metav1.DeleteOptions{})
}

// NewDeleteSubresourceActionWithOptions is NewDeleteSubresourceAction with the delete's options.
func NewDeleteSubresourceActionWithOptions(resource schema.GroupVersionResource, subresource, namespace, name string, opts metav1.DeleteOptions) DeleteActionImpl {
	return DeleteActionImpl{ActionImpl: action("delete", resource, namespace, subresource), Name: name, DeleteOptions: opts}
}

// NewRootDeleteSubresourceAction returns the action of deleting a subresource of a cluster-scoped object.
func NewRootDeleteSubresourceAction(resource schema.GroupVersionResource, subresource string, name string) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, subresource, "", name, metav1.DeleteOptions{})
}

// NewRootDeleteSubresourceActionWithOptions is NewRootDeleteSubresourceAction with the delete's options.
func NewRootDeleteSubresourceActionWithOptions(resource schema.GroupVersionResource, subresource string, name string, opts metav1.DeleteOptions) DeleteActionImpl {
	return NewDeleteSubresourceActionWithOptions(resource, subresource, "", name, opts)
}

// NewDeleteCollectionAction returns the action of deleting the objects in namespace that the list
// options opts (a metav1.ListOptions) select.
func NewDeleteCollectionAction(resource schema.GroupVersionResource, namespace string, opts interface{}) DeleteCollectionActionImpl {
	listOpts, _ := opts.(metav1.ListOptions)
	return NewDeleteCollectionActionWithOptions(resource, namespace, metav1.DeleteOptions{}, listOpts)
}

// NewDeleteCollectionActionWithOptions is NewDeleteCollectionAction with delete and list options.
func NewDeleteCollectionActionWithOptions(resource schema.GroupVersionResource, namespace string, deleteOpts metav1.DeleteOptions, listOpts metav1.ListOptions) DeleteCollectionActionImpl {
	l, f, _ := ExtractFromListOptions(listOpts)
	return DeleteCollectionActionImpl{ActionImpl: action("delete-collection", resource, namespace, ""),
		ListRestrictions: ListRestrictions{Labels: l, Fields: f}, DeleteOptions: deleteOpts, ListOptions: listOpts}
}

// NewRootDeleteCollectionAction returns the action of deleting cluster-scoped objects.
func NewRootDeleteCollectionAction(resource schema.GroupVersionResource, opts interface{}) DeleteCollectionActionImpl {
	return NewDeleteCollectionAction(resource, "", opts)
}

// NewRootDeleteCollectionActionWithOptions is NewRootDeleteCollectionAction with delete and list options.
func NewRootDeleteCollectionActionWithOptions(resource schema.GroupVersionResource, deleteOpts metav1.DeleteOptions, listOpts metav1.ListOptions) DeleteCollectionActionImpl {
	return NewDeleteCollectionActionWithOptions(resource, "", deleteOpts, listOpts)
}

// NewWatchAction returns the action of watching objects in namespace; opts is a metav1.ListOptions.
func NewWatchAction(resource schema.GroupVersionResource, namespace string, opts interface{}) WatchActionImpl {
	listOpts, _ := opts.(metav1.ListOptions)
	return NewWatchActionWithOptions(resource, namespace, listOpts)
}

// NewWatchActionWithOptions is NewWatchAction with typed options.
func NewWatchActionWithOptions(resource schema.GroupVersionResource, namespace string, opts metav1.ListOptions) WatchActionImpl {
	l, f, rv := ExtractFromListOptions(opts)
	return WatchActionImpl{ActionImpl: action("watch", resource, namespace, ""),
		WatchRestrictions: WatchRestrictions{Labels: l, Fields: f, ResourceVersion: rv}, ListOptions: opts}
}

// NewRootWatchAction returns the action of watching cluster-scoped objects (or all namespaces').
func NewRootWatchAction(resource schema.GroupVersionResource, opts interface{}) WatchActionImpl {
	return NewWatchAction(resource, "", opts)
}

// NewRootWatchActionWithOptions is NewRootWatchAction with typed options.
func NewRootWatchActionWithOptions(resource schema.GroupVersionResource, opts metav1.ListOptions) WatchActionImpl {
	return NewWatchActionWithOptions(resource, "", opts)
}

// NewProxyGetAction returns the action of a get through the apiserver's proxy to the named pod,
// service or node.
func NewProxyGetAction(resource schema.GroupVersionResource, namespace, scheme, name, port, path string, params map[string]string) ProxyGetActionImpl {
	return ProxyGetActionImpl{ActionImpl: action("get", resource, namespace, ""),
		Scheme: scheme, Name: name, Port: port, Path: path, Params: params}
}

// ExtractFromListOptions returns the selectors and resourceVersion of opts, a metav1.ListOptions
// (anything else counts as empty options). An empty selector selects everything; one that does not
// parse selects nothing, where client-go panics: the fake tracker answers such a call BadRequest.
func ExtractFromListOptions(opts interface{}) (labelSelector labels.Selector, fieldSelector fields.Selector, resourceVersion string) {
	listOpts, _ := opts.(metav1.ListOptions)
	labelSelector, err := labels.Parse(listOpts.LabelSelector)
	if err != nil {
		labelSelector = labels.Nothing()
	}
	fieldSelector, err = fields.ParseSelector(listOpts.FieldSelector)
	if err != nil {
		fieldSelector = fields.Nothing()
	}
	return labelSelector, fieldSelector, listOpts.ResourceVersion
}
