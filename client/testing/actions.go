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

// Action is one call made through a fake client, as recorded by Fake and shown to reactors.
type Action interface {
	GetNamespace() string
	// GetVerb is get, list, watch, create, update, patch, delete or delete-collection.
	GetVerb() string
	GetResource() schema.GroupVersionResource
	GetSubresource() string
	// Matches reports whether the action has the verb and resource (case-insensitive); resource may
	// name a subresource as "pods/status". Unlike a reactor's verb and resource, "*" is no wildcard.
	Matches(verb, resource string) bool
	// DeepCopy returns a copy sharing nothing with the action. Fake records and shows reactors copies.
	DeepCopy() Action
}

// GenericAction is an action carrying a value of its own, for calls no other action describes.
type GenericAction interface {
	Action
	GetValue() interface{}
}

// GetAction is a get of one object (or of its subresource).
type GetAction interface {
	Action
	GetName() string
}

// ListAction is a list.
type ListAction interface {
	Action
	GetListRestrictions() ListRestrictions
}

// CreateAction is a create (or a create of a subresource, such as a pod's eviction).
type CreateAction interface {
	Action
	GetObject() runtime.Object
}

// UpdateAction is an update (or an update of a subresource, such as UpdateStatus).
type UpdateAction interface {
	Action
	GetObject() runtime.Object
}

// DeleteAction is a delete of one object.
type DeleteAction interface {
	Action
	GetName() string
	GetDeleteOptions() metav1.DeleteOptions
}

// DeleteCollectionAction is a delete of the objects a selector matches.
type DeleteCollectionAction interface {
	Action
	GetListRestrictions() ListRestrictions
}

// PatchAction is a patch; a server-side apply is a patch of type application/apply-patch+yaml.
type PatchAction interface {
	Action
	GetName() string
	GetPatchType() types.PatchType
	GetPatch() []byte
}

// WatchAction is a watch.
type WatchAction interface {
	Action
	GetWatchRestrictions() WatchRestrictions
}

// ProxyGetAction is a get through the apiserver's proxy to a pod, service or node.
type ProxyGetAction interface {
	Action
	GetScheme() string
	GetName() string
	GetPort() string
	GetPath() string
	GetParams() map[string]string
}

// ListRestrictions are the selectors of a list or delete-collection.
type ListRestrictions struct {
	Labels labels.Selector
	Fields fields.Selector
}

// WatchRestrictions are the selectors and resourceVersion of a watch.
type WatchRestrictions struct {
	Labels          labels.Selector
	Fields          fields.Selector
	ResourceVersion string
}

// ActionImpl is what every action has; the other *ActionImpl types embed it.
type ActionImpl struct {
	Namespace   string
	Verb        string
	Resource    schema.GroupVersionResource
	Subresource string
}

// GetNamespace returns the namespace ("" for all namespaces or a cluster-scoped resource).
func (a ActionImpl) GetNamespace() string { return a.Namespace }

// GetVerb returns the verb.
func (a ActionImpl) GetVerb() string { return a.Verb }

// GetResource returns the resource.
func (a ActionImpl) GetResource() schema.GroupVersionResource { return a.Resource }

// GetSubresource returns the subresource ("" for the resource itself).
func (a ActionImpl) GetSubresource() string { return a.Subresource }

// Matches reports whether the action has the verb and the resource, ignoring case. A resource
// without a slash matches whatever the subresource; "pods/status" matches only that subresource.
func (a ActionImpl) Matches(verb, resource string) bool {
	if !strings.EqualFold(verb, a.Verb) {
		return false
	}
	top, sub, hasSub := strings.Cut(resource, "/")
	if !strings.EqualFold(top, a.Resource.Resource) {
		return false
	}
	return !hasSub || strings.EqualFold(sub, a.Subresource)
}

// DeepCopy returns a copy of the action.
func (a ActionImpl) DeepCopy() Action { return a }

// GenericActionImpl is a GenericAction.
type GenericActionImpl struct {
	ActionImpl
	Value interface{}
}

// GetValue returns the action's value.
func (a GenericActionImpl) GetValue() interface{} { return a.Value }

// DeepCopy returns a copy of the action; a Value that is a runtime.Object is deep-copied, another
// is shared.
func (a GenericActionImpl) DeepCopy() Action {
	if o, ok := a.Value.(runtime.Object); ok && o != nil {
		a.Value = o.DeepCopyObject()
	}
	return a
}

// GetActionImpl is a GetAction.
type GetActionImpl struct {
	ActionImpl
	Name       string
	GetOptions metav1.GetOptions
}

// GetName returns the name of the object.
func (a GetActionImpl) GetName() string { return a.Name }

// GetGetOptions returns the options of the get.
func (a GetActionImpl) GetGetOptions() metav1.GetOptions { return a.GetOptions }

// DeepCopy returns a copy of the action.
func (a GetActionImpl) DeepCopy() Action {
	a.GetOptions = *a.GetOptions.DeepCopy()
	return a
}

// ListActionImpl is a ListAction.
type ListActionImpl struct {
	ActionImpl
	// Kind is the kind of the listed objects (not of the list).
	Kind             schema.GroupVersionKind
	Name             string
	ListRestrictions ListRestrictions
	ListOptions      metav1.ListOptions
}

// GetKind returns the kind of the listed objects.
func (a ListActionImpl) GetKind() schema.GroupVersionKind { return a.Kind }

// GetListRestrictions returns the selectors of the list.
func (a ListActionImpl) GetListRestrictions() ListRestrictions { return a.ListRestrictions }

// GetListOptions returns the options of the list as given.
func (a ListActionImpl) GetListOptions() metav1.ListOptions { return a.ListOptions }

// DeepCopy returns a copy of the action.
func (a ListActionImpl) DeepCopy() Action {
	a.ListRestrictions = a.ListRestrictions.deepCopy()
	a.ListOptions = *a.ListOptions.DeepCopy()
	return a
}

// CreateActionImpl is a CreateAction.
type CreateActionImpl struct {
	ActionImpl
	// Name is the name of the parent object of a subresource create ("" otherwise).
	Name          string
	Object        runtime.Object
	CreateOptions metav1.CreateOptions
}

// GetObject returns the object to create.
func (a CreateActionImpl) GetObject() runtime.Object { return a.Object }

// GetCreateOptions returns the options of the create.
func (a CreateActionImpl) GetCreateOptions() metav1.CreateOptions { return a.CreateOptions }

// DeepCopy returns a copy of the action and its object.
func (a CreateActionImpl) DeepCopy() Action {
	a.Object = deepCopyObject(a.Object)
	a.CreateOptions = *a.CreateOptions.DeepCopy()
	return a
}

// UpdateActionImpl is an UpdateAction.
type UpdateActionImpl struct {
	ActionImpl
	Object        runtime.Object
	UpdateOptions metav1.UpdateOptions
}

// GetObject returns the object to update.
func (a UpdateActionImpl) GetObject() runtime.Object { return a.Object }

// GetUpdateOptions returns the options of the update.
func (a UpdateActionImpl) GetUpdateOptions() metav1.UpdateOptions { return a.UpdateOptions }

// DeepCopy returns a copy of the action and its object.
func (a UpdateActionImpl) DeepCopy() Action {
	a.Object = deepCopyObject(a.Object)
	a.UpdateOptions = *a.UpdateOptions.DeepCopy()
	return a
}

// PatchActionImpl is a PatchAction.
type PatchActionImpl struct {
	ActionImpl
	Name         string
	PatchType    types.PatchType
	Patch        []byte
	PatchOptions metav1.PatchOptions
}

// GetName returns the name of the patched object.
func (a PatchActionImpl) GetName() string { return a.Name }

// GetPatch returns the patch.
func (a PatchActionImpl) GetPatch() []byte { return a.Patch }

// GetPatchType returns the type of the patch.
func (a PatchActionImpl) GetPatchType() types.PatchType { return a.PatchType }

// GetPatchOptions returns the options of the patch.
func (a PatchActionImpl) GetPatchOptions() metav1.PatchOptions { return a.PatchOptions }

// DeepCopy returns a copy of the action and its patch.
func (a PatchActionImpl) DeepCopy() Action {
	if a.Patch != nil {
		a.Patch = append([]byte(nil), a.Patch...)
	}
	a.PatchOptions = *a.PatchOptions.DeepCopy()
	return a
}

// DeleteActionImpl is a DeleteAction.
type DeleteActionImpl struct {
	ActionImpl
	Name          string
	DeleteOptions metav1.DeleteOptions
}

// GetName returns the name of the deleted object.
func (a DeleteActionImpl) GetName() string { return a.Name }

// GetDeleteOptions returns the options of the delete.
func (a DeleteActionImpl) GetDeleteOptions() metav1.DeleteOptions { return a.DeleteOptions }

// DeepCopy returns a copy of the action.
func (a DeleteActionImpl) DeepCopy() Action {
	a.DeleteOptions = *a.DeleteOptions.DeepCopy()
	return a
}

// DeleteCollectionActionImpl is a DeleteCollectionAction.
type DeleteCollectionActionImpl struct {
	ActionImpl
	ListRestrictions ListRestrictions
	DeleteOptions    metav1.DeleteOptions
	ListOptions      metav1.ListOptions
}

// GetListRestrictions returns the selectors of the objects to delete.
func (a DeleteCollectionActionImpl) GetListRestrictions() ListRestrictions { return a.ListRestrictions }

// GetDeleteOptions returns the delete options.
func (a DeleteCollectionActionImpl) GetDeleteOptions() metav1.DeleteOptions { return a.DeleteOptions }

// GetListOptions returns the list options as given.
func (a DeleteCollectionActionImpl) GetListOptions() metav1.ListOptions { return a.ListOptions }

// DeepCopy returns a copy of the action.
func (a DeleteCollectionActionImpl) DeepCopy() Action {
	a.ListRestrictions = a.ListRestrictions.deepCopy()
	a.DeleteOptions = *a.DeleteOptions.DeepCopy()
	a.ListOptions = *a.ListOptions.DeepCopy()
	return a
}

// WatchActionImpl is a WatchAction.
type WatchActionImpl struct {
	ActionImpl
	WatchRestrictions WatchRestrictions
	ListOptions       metav1.ListOptions
}

// GetWatchRestrictions returns the selectors and resourceVersion of the watch.
func (a WatchActionImpl) GetWatchRestrictions() WatchRestrictions { return a.WatchRestrictions }

// GetListOptions returns the options of the watch as given.
func (a WatchActionImpl) GetListOptions() metav1.ListOptions { return a.ListOptions }

// DeepCopy returns a copy of the action.
func (a WatchActionImpl) DeepCopy() Action {
	a.WatchRestrictions.Labels = copyLabels(a.WatchRestrictions.Labels)
	a.WatchRestrictions.Fields = copyFields(a.WatchRestrictions.Fields)
	a.ListOptions = *a.ListOptions.DeepCopy()
	return a
}

// ProxyGetActionImpl is a ProxyGetAction.
type ProxyGetActionImpl struct {
	ActionImpl
	Scheme string
	Name   string
	Port   string
	Path   string
	Params map[string]string
}

// GetScheme returns the scheme (http or https) of the proxied request.
func (a ProxyGetActionImpl) GetScheme() string { return a.Scheme }

// GetName returns the name of the pod, service or node.
func (a ProxyGetActionImpl) GetName() string { return a.Name }

// GetPort returns the port of the proxied request.
func (a ProxyGetActionImpl) GetPort() string { return a.Port }

// GetPath returns the path of the proxied request.
func (a ProxyGetActionImpl) GetPath() string { return a.Path }

// GetParams returns the query parameters of the proxied request.
func (a ProxyGetActionImpl) GetParams() map[string]string { return a.Params }

// DeepCopy returns a copy of the action.
func (a ProxyGetActionImpl) DeepCopy() Action {
	if a.Params != nil {
		params := make(map[string]string, len(a.Params))
		for k, v := range a.Params {
			params[k] = v
		}
		a.Params = params
	}
	return a
}

func (r ListRestrictions) deepCopy() ListRestrictions {
	return ListRestrictions{Labels: copyLabels(r.Labels), Fields: copyFields(r.Fields)}
}

func copyLabels(s labels.Selector) labels.Selector {
	if s == nil {
		return nil
	}
	return s.DeepCopySelector()
}

func copyFields(s fields.Selector) fields.Selector {
	if s == nil {
		return nil
	}
	return s.DeepCopySelector()
}

func deepCopyObject(o runtime.Object) runtime.Object {
	if o == nil {
		return nil
	}
	return o.DeepCopyObject()
}
