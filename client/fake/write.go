package fake

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
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
	if err := validateWriteOptions("CreateOptions", opts.DryRun, opts.FieldManager, opts.FieldValidation); err != nil {
		return nil, err
	}
	return t.createLocked(r, namespace, obj, newWriteOpts(opts.DryRun, opts.FieldManager))
}

func (t *Tracker) createLocked(r *Resource, namespace string, obj runtime.Object, w writeOpts) (runtime.Object, error) {
	m, err := t.prepareObject(r, namespace, obj)
	if err != nil {
		return nil, err
	}
	if err := t.assignName(r, m); err != nil {
		return nil, err
	}
	obj = t.applyDefaults(r, obj)
	if err := serviceAllocationError(r, obj); err != nil {
		return nil, err
	}
	m, _ = meta.Accessor(obj)
	if err := t.validateMeta(r, obj, nil, ""); err != nil {
		return nil, err
	}
	if err := t.admitNamespace(r, namespace, m.GetName()); err != nil {
		return nil, err
	}
	if m.GetResourceVersion() != "" {
		return nil, serverError("resourceVersion should not be set on objects to be created")
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
	obj = admitCreate(r, obj)
	if live := t.newObject(r); live != nil {
		obj = t.manageFields(r, "", live, obj, w)
	}
	obj = asStored(prepareCreate(r, obj))
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
	if err := validateWriteOptions("UpdateOptions", opts.DryRun, opts.FieldManager, opts.FieldValidation); err != nil {
		return nil, err
	}
	if err := checkSubresource(r, subresource, obj); err != nil {
		return nil, err
	}
	m, err := t.prepareObject(r, namespace, obj)
	if err != nil {
		return nil, err
	}
	k := key(m.GetNamespace(), m.GetName())
	old, ok := t.objects[r.Resource][k]
	if !ok && subresource == "" && createOnUpdate[r.Resource.GroupResource()] && !r.CustomResource {
		return t.createLocked(r, namespace, obj, newWriteOpts(opts.DryRun, opts.FieldManager))
	}
	if !ok {
		return nil, apierrors.NewNotFound(r.Resource.GroupResource(), m.GetName())
	}
	if obj, err = convertLike(obj, old); err != nil {
		return nil, err
	}
	return t.updateLocked(r, k, obj, old, subresource, newWriteOpts(opts.DryRun, opts.FieldManager))
}

func checkSubresource(r *Resource, subresource string, obj runtime.Object) error {
	if subresource == "" || (subresource == "status" && r.HasStatus) || (subresource == "finalize" && isNamespaces(r)) {
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
	if rv := m.GetResourceVersion(); rv != "" {
		if _, err := parseRV(rv); err != nil {
			return nil, serverError(fmt.Sprintf("strconv.ParseUint: parsing %q: invalid syntax", rv))
		}
		if rv != om.GetResourceVersion() {
			return nil, apierrors.NewConflict(r.Resource.GroupResource(), om.GetName(), errModified)
		}
	}
	if uid := m.GetUID(); uid != "" && uid != om.GetUID() {
		return nil, apierrors.NewConflict(r.Resource.GroupResource(), om.GetName(),
			fmt.Errorf("StorageError: invalid object, Code: 4, Key: %s, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: UID in precondition: %v, UID in object meta: %v",
				storageKey(r, om.GetNamespace(), om.GetName()), om.GetUID(), uid))
	}
	next := mergeUpdate(r, obj, old, subresource)
	if subresource == "" {
		next = t.applyDefaults(r, next)
	} else {
		next = t.pruneAndDefault(r, next)
	}
	nm, _ := meta.Accessor(next)
	if w.applied {
		nm.SetManagedFields(m.GetManagedFields())
	}
	next = prepareUpdate(r, t.manageFields(r, subresource, old, next, w), old, subresource)
	if err := t.validateMeta(r, next, old, subresource); err != nil {
		return nil, err
	}
	next = asStored(next)
	nm, _ = meta.Accessor(next)
	nm.SetResourceVersion(om.GetResourceVersion())
	if unchanged(next, old) {
		return old.DeepCopyObject(), nil
	}
	if w.dryRun {
		return next, nil
	}
	if g := nm.GetDeletionGracePeriodSeconds(); nm.GetDeletionTimestamp() != nil && len(nm.GetFinalizers()) == 0 && (g == nil || *g == 0) && !namespaceFinalizersLeft(r, next) {
		// As on the apiserver: the update that releases the last finalizer deletes the object; it
		// answers the update with the new state at the old resourceVersion, and watchers see the
		// stored state deleted at a new one.
		t.commitLocked(r, watch.Deleted, k, old.DeepCopyObject(), old)
		return next, nil
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
	if subresource == "finalize" {
		return finalizeNamespace(obj, old)
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
// deletionTimestamp; they go away when an update removes the last finalizer. propagationPolicy
// Foreground and Orphan (or orphanDependents) add the foregroundDeletion and orphan finalizers, as
// the apiserver does for the garbage collector; pods on a node are deleted gracefully.
func (t *Tracker) Delete(gvr schema.GroupVersionResource, namespace, name string, opts metav1.DeleteOptions) error {
	if err := validateDeleteOptions(opts); err != nil {
		return err
	}
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
	t.deleteLocked(r, k, old, opts)
	return nil
}

func checkPreconditions(r *Resource, old runtime.Object, p *metav1.Preconditions) error {
	if p == nil {
		return nil
	}
	om, _ := meta.Accessor(old)
	// The apiserver names the kind, not the resource, in these conflicts.
	kind := schema.GroupResource{Group: r.Kind.Group, Resource: r.Kind.Kind}
	if p.UID != nil && *p.UID != om.GetUID() {
		return apierrors.NewConflict(kind, om.GetName(), fmt.Errorf(
			"the UID in the precondition (%s) does not match the UID in record (%s). The object might have been deleted and then recreated", *p.UID, om.GetUID()))
	}
	if p.ResourceVersion != nil && *p.ResourceVersion != om.GetResourceVersion() {
		return apierrors.NewConflict(kind, om.GetName(), fmt.Errorf(
			"the ResourceVersion in the precondition (%s) does not match the ResourceVersion in record (%s). The object might have been modified", *p.ResourceVersion, om.GetResourceVersion()))
	}
	return nil
}

// deleteLocked removes old, or marks it deleted when it has finalizers (its own or those the
// propagation policy adds) or a grace period. Callers hold t.mu.
func (t *Tracker) deleteLocked(r *Resource, k string, old runtime.Object, opts metav1.DeleteOptions) {
	if t.terminateNamespace(r, k, old) {
		return
	}
	om, _ := meta.Accessor(old)
	finalizers := gcFinalizers(om.GetFinalizers(), opts)
	grace, graceful := gracePeriod(r, old, opts)
	if len(finalizers) == 0 && !graceful {
		t.commitLocked(r, watch.Deleted, k, old.DeepCopyObject(), old)
		return
	}
	if dt := om.GetDeletionTimestamp(); dt != nil {
		// Deleting again may only shorten the grace period and change the policy's finalizers.
		g := om.GetDeletionGracePeriodSeconds()
		if slices.Equal(finalizers, om.GetFinalizers()) && (!graceful || (g != nil && grace >= *g)) {
			return
		}
		if graceful && g != nil && grace >= *g {
			grace = *g
		}
	}
	next := old.DeepCopyObject()
	nm, _ := meta.Accessor(next)
	nm.SetFinalizers(finalizers)
	if !graceful {
		grace = 0
	}
	if graceful && grace == 0 && len(finalizers) == 0 {
		t.commitLocked(r, watch.Deleted, k, old.DeepCopyObject(), old)
		return
	}
	now := metav1.Now().Rfc3339Copy()
	when := metav1.NewTime(now.Add(time.Duration(grace) * time.Second))
	if dt := om.GetDeletionTimestamp(); dt != nil && !graceful {
		when = *dt
	}
	nm.SetDeletionTimestamp(&when)
	nm.SetDeletionGracePeriodSeconds(&grace)
	t.commitLocked(r, watch.Modified, k, asStored(next), old)
}

// gcFinalizers returns the finalizers after a delete with opts: the policy's finalizer added
// (Foreground: foregroundDeletion, Orphan or orphanDependents: orphan) and the other one removed.
func gcFinalizers(finalizers []string, opts metav1.DeleteOptions) []string {
	var add, remove string
	switch {
	case opts.OrphanDependents != nil && *opts.OrphanDependents:
		add, remove = metav1.FinalizerOrphanDependents, metav1.FinalizerDeleteDependents
	case opts.OrphanDependents != nil:
		remove = metav1.FinalizerOrphanDependents
	case opts.PropagationPolicy == nil:
		return finalizers
	case *opts.PropagationPolicy == metav1.DeletePropagationForeground:
		add, remove = metav1.FinalizerDeleteDependents, metav1.FinalizerOrphanDependents
	case *opts.PropagationPolicy == metav1.DeletePropagationOrphan:
		add, remove = metav1.FinalizerOrphanDependents, metav1.FinalizerDeleteDependents
	default:
		return slices.DeleteFunc(slices.Clone(finalizers), func(f string) bool {
			return f == metav1.FinalizerOrphanDependents || f == metav1.FinalizerDeleteDependents
		})
	}
	out := slices.DeleteFunc(slices.Clone(finalizers), func(f string) bool { return f == remove })
	if add != "" && !slices.Contains(out, add) {
		out = append(out, add)
	}
	return out
}

// gracePeriod returns the grace period of a delete and whether the deletion is graceful: only pods
// bound to a node that are not finished are, for opts.gracePeriodSeconds or else the pod's
// terminationGracePeriodSeconds (30 seconds by default).
func gracePeriod(r *Resource, old runtime.Object, opts metav1.DeleteOptions) (int64, bool) {
	if r.Resource.Group != "" || r.Resource.Resource != "pods" {
		return 0, false
	}
	pod, err := runtime.DefaultUnstructuredConverter.ToUnstructured(old)
	if err != nil {
		return 0, false
	}
	node, _, _ := unstructured.NestedString(pod, "spec", "nodeName")
	phase, _, _ := unstructured.NestedString(pod, "status", "phase")
	if node == "" || phase == "Succeeded" || phase == "Failed" {
		return 0, false
	}
	if opts.GracePeriodSeconds != nil {
		return max(*opts.GracePeriodSeconds, 0), true
	}
	if g, found, _ := unstructured.NestedInt64(pod, "spec", "terminationGracePeriodSeconds"); found {
		return g, true
	}
	return defaultTerminationGracePeriod, true
}

// defaultTerminationGracePeriod is the pods' default terminationGracePeriodSeconds.
const defaultTerminationGracePeriod = 30

// DeleteCollection deletes every object in namespace that matches listOpts' label and field
// selectors, each as its own write. As on the apiserver, a namespaced resource's collection can only
// be deleted one namespace at a time.
func (t *Tracker) DeleteCollection(gvr schema.GroupVersionResource, namespace string, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error {
	if err := validateDeleteOptions(opts); err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	if namespace == "" && !r.ClusterScoped {
		return apierrors.NewGenericServerResponse(http.StatusMethodNotAllowed, "", schema.GroupResource{}, "", "", 0, false)
	}
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
		t.deleteLocked(r, k, store[k], opts)
	}
	return nil
}

func isDryRun(dryRun []string) bool { return slices.Contains(dryRun, metav1.DryRunAll) }
