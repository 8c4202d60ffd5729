package fake

import (
	"encoding/base64"
	"fmt"
	"reflect"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// strategy is what the apiserver does to objects of one built-in kind beyond the generic rules, on
// the serialized form of the object (the fake does not import k8s.io/api):
//   - defaults runs where the apiserver decodes a request (defaulting and conversion), so the writer's
//     field manager owns what it sets;
//   - admitCreate runs on create before the field manager: what the apiserver sets on a new object
//     that kube-apiserver records as the writer's (a daemon set's template generation annotation);
//   - prepareCreate and prepareUpdate run after the field manager, as the registry's strategies do;
//   - validate checks the kind's own fields on create (old nil) and update.
type strategy struct {
	defaults      func(obj map[string]any)
	admitCreate   func(obj map[string]any)
	prepareCreate func(obj map[string]any)
	prepareUpdate func(obj, old map[string]any)
	validate      func(obj, old map[string]any) field.ErrorList
}

var (
	namespacesResource = schema.GroupResource{Resource: "namespaces"}
	secretsResource    = schema.GroupResource{Resource: "secrets"}
	servicesResource   = schema.GroupResource{Resource: "services"}
)

// strategies are the kinds whose strategies the fake reproduces.
var strategies = map[schema.GroupResource]strategy{
	namespacesResource: {
		defaults: func(obj map[string]any) {
			name, _, _ := unstructured.NestedString(obj, "metadata", "name")
			if name != "" {
				_ = unstructured.SetNestedField(obj, name, "metadata", "labels", namespaceNameLabel)
			}
		},
		prepareCreate: func(obj map[string]any) {
			_ = unstructured.SetNestedStringSlice(obj, []string{"kubernetes"}, "spec", "finalizers")
			_ = unstructured.SetNestedField(obj, "Active", "status", "phase")
		},
		prepareUpdate: func(obj, old map[string]any) {
			// The spec (finalizers) and the status are kept: they change through subresources.
			for _, k := range []string{"spec", "status"} {
				if v, ok := old[k]; ok {
					obj[k] = runtime.DeepCopyJSONValue(v)
				} else {
					delete(obj, k)
				}
			}
		},
	},
	{Resource: "configmaps"}:                           {validate: validateConfigMap},
	{Group: "coordination.k8s.io", Resource: "leases"}: {validate: validateLease},
	{Resource: "pods"}:                                 {validate: validatePod, prepareCreate: preparePodCreate},
	servicesResource:                                   {validate: validateService, prepareCreate: prepareServiceCreate, prepareUpdate: prepareServiceUpdate},
	secretsResource: {
		validate: validateSecret,
		defaults: func(obj map[string]any) {
			if t, _, _ := unstructured.NestedString(obj, "type"); t == "" {
				obj["type"] = "Opaque"
			}
			// stringData is write-only: folded into data, where it wins.
			if sd, ok := obj["stringData"].(map[string]any); ok {
				data, _ := obj["data"].(map[string]any)
				if data == nil {
					data = map[string]any{}
				}
				for k, v := range sd {
					s, _ := v.(string)
					data[k] = base64.StdEncoding.EncodeToString([]byte(s))
				}
				obj["data"] = data
			}
			delete(obj, "stringData")
		},
	},
	{Group: "apps", Resource: "daemonsets"}: {admitCreate: admitDaemonSetCreate},
	{Group: "batch", Resource: "jobs"}:      {prepareCreate: prepareJobCreate},
	{Group: "apps", Resource: "deployments"}: {
		validate: validateDeployment,
		prepareUpdate: func(obj, old map[string]any) {
			// Deployments count a change of annotations as a new generation, as a spec change.
			gen, _, _ := unstructured.NestedInt64(obj, "metadata", "generation")
			oldGen, _, _ := unstructured.NestedInt64(old, "metadata", "generation")
			a, _, _ := unstructured.NestedFieldNoCopy(obj, "metadata", "annotations")
			b, _, _ := unstructured.NestedFieldNoCopy(old, "metadata", "annotations")
			if gen == oldGen && !reflect.DeepEqual(a, b) {
				_ = unstructured.SetNestedField(obj, oldGen+1, "metadata", "generation")
			}
		},
	},
}

// namespaceNameLabel is the label the apiserver gives every namespace: its name.
const namespaceNameLabel = "kubernetes.io/metadata.name"

// createOnUpdate are the built-in resources whose update of a missing object creates it.
var createOnUpdate = map[schema.GroupResource]bool{
	{Group: "coordination.k8s.io", Resource: "leases"}:                    true,
	{Resource: "endpoints"}:                                               true,
	{Resource: "events"}:                                                  true,
	{Group: "events.k8s.io", Resource: "events"}:                          true,
	{Resource: "limitranges"}:                                             true,
	{Group: "rbac.authorization.k8s.io", Resource: "roles"}:               true,
	{Group: "rbac.authorization.k8s.io", Resource: "clusterroles"}:        true,
	{Group: "rbac.authorization.k8s.io", Resource: "rolebindings"}:        true,
	{Group: "rbac.authorization.k8s.io", Resource: "clusterrolebindings"}: true,
}

// onMap runs f on obj's serialized form and returns the result as an object of obj's type.
func onMap(obj runtime.Object, f func(map[string]any)) runtime.Object {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		f(u.Object)
		return u
	}
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return obj
	}
	f(m)
	out := newLike(obj)
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(m, out); err != nil {
		return obj
	}
	out.GetObjectKind().SetGroupVersionKind(obj.GetObjectKind().GroupVersionKind())
	return out
}

func toMap(obj runtime.Object) map[string]any {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return u.Object
	}
	m, _ := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	return m
}

func (r *Resource) strategy() (strategy, bool) {
	if r.CustomResource {
		return strategy{}, false
	}
	s, ok := strategies[r.Resource.GroupResource()]
	return s, ok
}

func admitCreate(r *Resource, obj runtime.Object) runtime.Object {
	if s, ok := r.strategy(); ok && s.admitCreate != nil {
		return onMap(obj, s.admitCreate)
	}
	return obj
}

func prepareCreate(r *Resource, obj runtime.Object) runtime.Object {
	if s, ok := r.strategy(); ok && s.prepareCreate != nil {
		return onMap(obj, s.prepareCreate)
	}
	return obj
}

func prepareUpdate(r *Resource, obj, old runtime.Object, subresource string) runtime.Object {
	if s, ok := r.strategy(); ok && s.prepareUpdate != nil && subresource == "" {
		om := toMap(old)
		return onMap(obj, func(m map[string]any) { s.prepareUpdate(m, om) })
	}
	return obj
}

// SetNamespaceLifecycle turns on (or off) the apiserver's namespace lifecycle, off by default because
// tests seldom create the namespaces they use: with it, creating a namespaced object in a namespace
// the tracker does not hold fails with NotFound, and in a namespace being deleted with Forbidden;
// deleting a namespace marks it Terminating and keeps it (and its content) while its
// spec.finalizers are set, as an apiserver without the namespace controller does. Turning it on
// creates the namespaces every cluster has (default, kube-system, kube-public, kube-node-lease) if
// the tracker knows the namespaces resource.
func (t *Tracker) SetNamespaceLifecycle(on bool) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.namespaceLifecycle = on
	if !on {
		return nil
	}
	r := t.resourceLocked(schema.GroupVersionResource{Version: "v1", Resource: "namespaces"})
	for _, name := range []string{"default", "kube-system", "kube-public", "kube-node-lease"} {
		if _, exists := t.objects[r.Resource][key("", name)]; exists {
			continue
		}
		obj := t.newObject(r)
		if obj == nil {
			return fmt.Errorf("fake: namespace lifecycle: the tracker does not know the Namespace kind")
		}
		m, _ := meta.Accessor(obj)
		m.SetName(name)
		if _, err := t.createLocked(r, "", obj, newWriteOpts(nil, "")); err != nil {
			return err
		}
	}
	return nil
}

// admitNamespace is the apiserver's namespace lifecycle admission for creating obj in namespace.
func (t *Tracker) admitNamespace(r *Resource, namespace, name string) error {
	if !t.namespaceLifecycle || r.ClusterScoped {
		return nil
	}
	ns, ok := t.objects[schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}][key("", namespace)]
	if !ok {
		return apierrors.NewNotFound(namespacesResource, namespace)
	}
	if m, _ := meta.Accessor(ns); m.GetDeletionTimestamp() == nil {
		return nil
	}
	err := apierrors.NewForbidden(r.Resource.GroupResource(), name,
		fmt.Errorf("unable to create new content in namespace %s because it is being terminated", namespace))
	err.ErrStatus.Details.Causes = append(err.ErrStatus.Details.Causes, metav1.StatusCause{
		Type: "NamespaceTerminating", Field: "metadata.namespace", Message: fmt.Sprintf("namespace %s is being terminated", namespace),
	})
	return err
}

// terminateNamespace is the deletion of a namespace under the namespace lifecycle: it is marked
// Terminating and kept while its spec.finalizers are set. It reports whether it applied.
func (t *Tracker) terminateNamespace(r *Resource, k string, old runtime.Object) bool {
	if !t.namespaceLifecycle || r.CustomResource || r.Resource.GroupResource() != namespacesResource {
		return false
	}
	om := toMap(old)
	finalizers, _, _ := unstructured.NestedStringSlice(om, "spec", "finalizers")
	if len(finalizers) == 0 {
		return false
	}
	if m, _ := meta.Accessor(old); m.GetDeletionTimestamp() != nil {
		return true
	}
	next := onMap(old.DeepCopyObject(), func(m map[string]any) {
		_ = unstructured.SetNestedField(m, "Terminating", "status", "phase")
	})
	nm, _ := meta.Accessor(next)
	now := metav1.Now().Rfc3339Copy()
	nm.SetDeletionTimestamp(&now)
	var zero int64
	nm.SetDeletionGracePeriodSeconds(&zero)
	t.commitLocked(r, "MODIFIED", k, asStored(next), old)
	return true
}

// isNamespaces tells whether r is the built-in namespaces resource.
func isNamespaces(r *Resource) bool {
	return !r.CustomResource && r.Resource.GroupResource() == namespacesResource
}

// finalizeNamespace is the namespaces/finalize subresource's update: old with the request's
// spec.finalizers, nothing else.
func finalizeNamespace(obj, old runtime.Object) runtime.Object {
	finalizers, _, _ := unstructured.NestedStringSlice(toMap(obj), "spec", "finalizers")
	return onMap(old.DeepCopyObject(), func(m map[string]any) {
		if len(finalizers) == 0 {
			unstructured.RemoveNestedField(m, "spec", "finalizers")
			return
		}
		_ = unstructured.SetNestedStringSlice(m, finalizers, "spec", "finalizers")
	})
}

// namespaceFinalizersLeft tells whether obj is a namespace whose spec.finalizers keep it from being
// deleted, as the apiserver's namespace store decides during an update.
func namespaceFinalizersLeft(r *Resource, obj runtime.Object) bool {
	if !isNamespaces(r) {
		return false
	}
	finalizers, _, _ := unstructured.NestedStringSlice(toMap(obj), "spec", "finalizers")
	return len(finalizers) > 0
}
