package fake

import (
	"errors"
	"fmt"
	"slices"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/uuid"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apimachinery/pkg/watch"
)

// errModified is the reason of optimistic-concurrency conflicts, worded as the apiserver words it.
var errModified = errors.New("the object has been modified; please apply your changes to the latest version and try again")

// Create stores a new object in namespace ("" for cluster-scoped resources) and returns it as stored:
// with a name (from generateName if needed), uid, creationTimestamp and resourceVersion. The object's
// own namespace, when set, must match namespace.
func (t *Tracker) Create(gvr schema.GroupVersionResource, namespace string, obj runtime.Object, opts metav1.CreateOptions) (runtime.Object, error) {
	if err := checkObject(obj); err != nil {
		return nil, err
	}
	obj = obj.DeepCopyObject()
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	return t.createLocked(r, namespace, obj, newWriteOpts(opts.DryRun, opts.FieldManager))
}

func (t *Tracker) createLocked(r *Resource, namespace string, obj runtime.Object, w writeOpts) (runtime.Object, error) {
	m, err := t.prepareObject(r, namespace, obj)
	if err != nil {
		return nil, err
	}
	if m.GetResourceVersion() != "" {
		return nil, apierrors.NewInternalError(errors.New("resourceVersion should not be set on objects to be created"))
	}
	if err := t.assignName(r, m); err != nil {
		return nil, err
	}
	k := key(m.GetNamespace(), m.GetName())
	if _, exists := t.objects[r.Resource][k]; exists {
		return nil, apierrors.NewAlreadyExists(r.Resource.GroupResource(), m.GetName())
	}
	m.SetUID(uuid.NewUUID())
	m.SetCreationTimestamp(metav1.Now().Rfc3339Copy())
	m.SetDeletionTimestamp(nil)
	m.SetDeletionGracePeriodSeconds(nil)
	if r.tracksGeneration() {
		m.SetGeneration(1)
	}
	if r.HasStatus {
		clearStatus(obj)
	}
	if live := t.newObject(r); live != nil {
		obj = t.manageFields(r, "", live, obj, w)
	}
	if w.dryRun {
		return obj.DeepCopyObject(), nil
	}
	return t.commitLocked(r, watch.Added, k, obj, nil).DeepCopyObject(), nil
}

// prepareObject learns the kind of r from obj if needed, sets obj's TypeMeta and namespace, and checks
// the namespace against the request's.
func (t *Tracker) prepareObject(r *Resource, namespace string, obj runtime.Object) (metav1.Object, error) {
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("%T is not a Kubernetes object: %v", obj, err))
	}
	if r.Kind.Empty() {
		if gvk, err := t.kindOf(obj); err == nil {
			r.Kind = gvk
			t.kinds[gvk] = r.Resource
		}
	}
	if !r.Kind.Empty() {
		obj.GetObjectKind().SetGroupVersionKind(r.Kind)
	}
	if r.ClusterScoped {
		m.SetNamespace("")
		return m, nil
	}
	if namespace == "" {
		return nil, apierrors.NewBadRequest(fmt.Sprintf("a namespace is required for the namespaced resource %s", r.Resource.Resource))
	}
	if ns := m.GetNamespace(); ns != "" && ns != namespace {
		return nil, apierrors.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")
	}
	m.SetNamespace(namespace)
	return m, nil
}

// assignName fills the name from generateName, retrying on collisions like the apiserver does.
func (t *Tracker) assignName(r *Resource, m metav1.Object) error {
	if m.GetName() != "" {
		return nil
	}
	if m.GetGenerateName() == "" {
		return apierrors.NewInvalid(r.Kind.GroupKind(), "", field.ErrorList{
			field.Required(field.NewPath("metadata", "name"), "name or generateName is required"),
		})
	}
	for range 8 {
		name := generateName(m.GetGenerateName())
		if _, taken := t.objects[r.Resource][key(m.GetNamespace(), name)]; !taken {
			m.SetName(name)
			return nil
		}
	}
	return apierrors.NewAlreadyExists(r.Resource.GroupResource(), m.GetGenerateName())
}

// Update replaces a stored object. subresource is "" for the object itself or "status" for its status
// subresource. A non-empty resourceVersion on obj must be the stored one, else the update fails with a
// Conflict; an empty one makes the update unconditional. An update that changes nothing is not a write:
// the stored object comes back with its resourceVersion unchanged.
func (t *Tracker) Update(gvr schema.GroupVersionResource, namespace string, obj runtime.Object, opts metav1.UpdateOptions, subresource string) (runtime.Object, error) {
	if err := checkObject(obj); err != nil {
		return nil, err
	}
	obj = obj.DeepCopyObject()
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	if err := checkSubresource(r, subresource, obj); err != nil {
		return nil, err
	}
	m, err := t.prepareObject(r, namespace, obj)
	if err != nil {
		return nil, err
	}
	k := key(m.GetNamespace(), m.GetName())
	old, ok := t.objects[r.Resource][k]
	if !ok {
		return nil, apierrors.NewNotFound(r.Resource.GroupResource(), m.GetName())
	}
	if obj, err = convertLike(obj, old); err != nil {
		return nil, err
	}
	return t.updateLocked(r, k, obj, old, subresource, newWriteOpts(opts.DryRun, opts.FieldManager))
}

func checkSubresource(r *Resource, subresource string, obj runtime.Object) error {
	if subresource == "" || (subresource == "status" && r.HasStatus) {
		if m, err := meta.Accessor(obj); err == nil && m.GetName() == "" {
			return apierrors.NewBadRequest("name is required for updates")
		}
		return nil
	}
	return apierrors.NewNotFound(schema.GroupResource{Group: r.Resource.Group, Resource: r.Resource.Resource + "/" + subresource}, "")
}

// updateLocked writes obj over old after the optimistic-concurrency checks. Callers hold t.mu.
func (t *Tracker) updateLocked(r *Resource, k string, obj, old runtime.Object, subresource string, w writeOpts) (runtime.Object, error) {
	m, _ := meta.Accessor(obj)
	om, _ := meta.Accessor(old)
	if rv := m.GetResourceVersion(); rv != "" && rv != om.GetResourceVersion() {
		return nil, apierrors.NewConflict(r.Resource.GroupResource(), om.GetName(), errModified)
	}
	if uid := m.GetUID(); uid != "" && uid != om.GetUID() {
		return nil, apierrors.NewConflict(r.Resource.GroupResource(), om.GetName(),
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", om.GetUID(), uid))
	}
	next := mergeUpdate(r, obj, old, subresource)
	nm, _ := meta.Accessor(next)
	if w.applied {
		nm.SetManagedFields(m.GetManagedFields())
	}
	next = t.manageFields(r, subresource, old, next, w)
	nm, _ = meta.Accessor(next)
	nm.SetResourceVersion(om.GetResourceVersion())
	if unchanged(next, old) {
		return old.DeepCopyObject(), nil
	}
	if w.dryRun {
		return next, nil
	}
	if nm.GetDeletionTimestamp() != nil && len(nm.GetFinalizers()) == 0 {
		return t.commitLocked(r, watch.Deleted, k, next, old).DeepCopyObject(), nil
	}
	return t.commitLocked(r, watch.Modified, k, next, old).DeepCopyObject(), nil
}

// mergeUpdate computes the new state: the request with the server-owned metadata (and, for resources
// with status, the status) of old; or, for the status subresource, old with the request's status.
func mergeUpdate(r *Resource, obj, old runtime.Object, subresource string) runtime.Object {
	if subresource == "status" {
		next := old.DeepCopyObject()
		copyStatus(next, obj)
		return next
	}
	m, _ := meta.Accessor(obj)
	om, _ := meta.Accessor(old)
	m.SetUID(om.GetUID())
	m.SetCreationTimestamp(om.GetCreationTimestamp())
	m.SetDeletionTimestamp(om.GetDeletionTimestamp())
	m.SetDeletionGracePeriodSeconds(om.GetDeletionGracePeriodSeconds())
	m.SetGeneration(om.GetGeneration())
	if r.HasStatus {
		copyStatus(obj, old)
	}
	if r.tracksGeneration() && specChanged(obj, old, !r.HasStatus) {
		m.SetGeneration(om.GetGeneration() + 1)
	}
	return obj
}

// Delete removes the named object. Objects with finalizers are not removed but marked with a
// deletionTimestamp; they go away when an update removes the last finalizer.
func (t *Tracker) Delete(gvr schema.GroupVersionResource, namespace, name string, opts metav1.DeleteOptions) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	k := key(namespace, name)
	if r.ClusterScoped {
		k = key("", name)
	}
	old, ok := t.objects[r.Resource][k]
	if !ok {
		return apierrors.NewNotFound(r.Resource.GroupResource(), name)
	}
	if err := checkPreconditions(r, old, opts.Preconditions); err != nil {
		return err
	}
	if isDryRun(opts.DryRun) {
		return nil
	}
	t.deleteLocked(r, k, old)
	return nil
}

func checkPreconditions(r *Resource, old runtime.Object, p *metav1.Preconditions) error {
	if p == nil {
		return nil
	}
	om, _ := meta.Accessor(old)
	if p.UID != nil && *p.UID != om.GetUID() {
		return apierrors.NewConflict(r.Resource.GroupResource(), om.GetName(),
			fmt.Errorf("Precondition failed: UID in precondition: %v, UID in object meta: %v", *p.UID, om.GetUID()))
	}
	if p.ResourceVersion != nil && *p.ResourceVersion != om.GetResourceVersion() {
		return apierrors.NewConflict(r.Resource.GroupResource(), om.GetName(),
			fmt.Errorf("Precondition failed: ResourceVersion in precondition: %v, ResourceVersion in object meta: %v", *p.ResourceVersion, om.GetResourceVersion()))
	}
	return nil
}

// deleteLocked removes old, or marks it deleted when it has finalizers. Callers hold t.mu.
func (t *Tracker) deleteLocked(r *Resource, k string, old runtime.Object) {
	om, _ := meta.Accessor(old)
	if len(om.GetFinalizers()) == 0 {
		t.commitLocked(r, watch.Deleted, k, old.DeepCopyObject(), old)
		return
	}
	if om.GetDeletionTimestamp() != nil {
		return
	}
	next := old.DeepCopyObject()
	nm, _ := meta.Accessor(next)
	now := metav1.Now().Rfc3339Copy()
	nm.SetDeletionTimestamp(&now)
	nm.SetDeletionGracePeriodSeconds(new(int64))
	t.commitLocked(r, watch.Modified, k, next, old)
}

// DeleteCollection deletes every object in namespace ("" for all) that matches listOpts' label and
// field selectors, each as its own write.
func (t *Tracker) DeleteCollection(gvr schema.GroupVersionResource, namespace string, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	sel, err := newSelector(r, namespace, listOpts)
	if err != nil {
		return err
	}
	store := t.objects[r.Resource]
	keys := make([]string, 0, len(store))
	for k, obj := range store {
		if sel.matches(obj) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if isDryRun(opts.DryRun) {
		return nil
	}
	for _, k := range keys {
		t.deleteLocked(r, k, store[k])
	}
	return nil
}

func isDryRun(dryRun []string) bool { return slices.Contains(dryRun, metav1.DryRunAll) }
