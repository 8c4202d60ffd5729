package fake

import (
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Resource describes how the tracker serves one resource. Generated fake clientsets register every
// resource they know with Tracker.Register; NewClient registers its own resource as well.
type Resource struct {
	// Resource is the group, version and plural resource name, e.g. apps/v1 deployments.
	Resource schema.GroupVersionResource
	// Kind is the kind of the objects, e.g. apps/v1 Deployment. Stored objects carry it in their
	// TypeMeta, and errors name its group and kind.
	Kind schema.GroupVersionKind
	// ClusterScoped is true for resources outside namespaces (nodes, namespaces, ...).
	ClusterScoped bool
	// HasStatus is true for resources with a status subresource: Update keeps the stored status,
	// UpdateStatus changes only the status, create drops the status, and metadata.generation is bumped
	// when anything outside metadata and status changes.
	HasStatus bool
	// CustomResource marks resources served from a CustomResourceDefinition: strategic merge patches
	// are refused, and metadata.generation is tracked even without a status subresource (bumped when
	// anything outside metadata changes, status included), as the apiserver does for custom resources.
	CustomResource bool
	// SelectableFields adds field selector labels beyond metadata.name and metadata.namespace, each
	// with the function that reads its value from an object (e.g. "spec.nodeName" for pods).
	SelectableFields map[string]func(runtime.Object) string
	// SchemaType is the name of the kind's type in the tracker's schema (SetSchema), for server-side
	// apply. When empty, the name the scheme gives Kind (runtime.Scheme.ToOpenAPIDefinitionName),
	// which for kinds registered as unstructured objects is not the schema's: give theirs.
	SchemaType string
	// NewObject returns an empty object of the kind; used for apply-creates from raw patches and for
	// bookmark events. When nil, the tracker asks its scheme.
	NewObject func() runtime.Object
}

// newObject returns an empty object of the resource's kind, or nil when none can be made.
func (t *Tracker) newObject(r *Resource) runtime.Object {
	if r.NewObject != nil {
		return r.NewObject()
	}
	if t.scheme != nil && !r.Kind.Empty() {
		if obj, err := t.scheme.New(r.Kind); err == nil {
			return obj
		}
	}
	return nil
}

// tracksGeneration reports whether metadata.generation is set on create and bumped on spec changes.
func (r *Resource) tracksGeneration() bool {
	if tracks, known := builtinGeneration[r.Resource]; known {
		return tracks
	}
	return r.HasStatus || r.CustomResource
}

// builtinGeneration lists the built-in resources whose generation tracking differs from the rule
// "tracked if and only if the resource has a status subresource", as observed on kube-apiserver 1.37.
var builtinGeneration = map[schema.GroupVersionResource]bool{
	{Version: "v1", Resource: "namespaces"}:                                  false,
	{Version: "v1", Resource: "nodes"}:                                       false,
	{Version: "v1", Resource: "services"}:                                    false,
	{Version: "v1", Resource: "persistentvolumeclaims"}:                      false,
	{Group: "networking.k8s.io", Version: "v1", Resource: "networkpolicies"}: true,
}

// fieldSet returns the selectable fields of obj: metadata, the apiserver's own fields for built-in
// resources, and the registered SelectableFields.
func (r *Resource) fieldSet(obj runtime.Object) fields.Set {
	m, _ := meta.Accessor(obj)
	set := fields.Set{"metadata.name": m.GetName()}
	if !r.ClusterScoped {
		set["metadata.namespace"] = m.GetNamespace()
	}
	if builtin := builtinFields[r.Resource]; len(builtin) > 0 {
		content := contentOf(obj)
		for label, get := range builtin {
			set[label] = get(content)
		}
	}
	for label, get := range r.SelectableFields {
		set[label] = get(obj)
	}
	return set
}

// supportsField reports whether label may appear in a field selector for this resource.
func (r *Resource) supportsField(label string) bool {
	if label == "metadata.name" || (label == "metadata.namespace" && !r.ClusterScoped) {
		return true
	}
	if _, ok := builtinFields[r.Resource][label]; ok {
		return true
	}
	_, ok := r.SelectableFields[label]
	return ok
}

// Register tells the tracker how to serve a resource. Registering the same resource again replaces its
// description. Objects of a registered kind given to Add are stored under its resource.
func (t *Tracker) Register(r Resource) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.registerLocked(r)
}

func (t *Tracker) registerLocked(r Resource) *Resource {
	cp := r
	t.asCustomKind(&cp)
	t.resources[r.Resource] = &cp
	if !r.Kind.Empty() {
		t.kinds[r.Kind] = r.Resource
	}
	return &cp
}

// resourceLocked returns the description of gvr, registering a namespaced resource without status when
// it is unknown. Callers hold t.mu for writing.
func (t *Tracker) resourceLocked(gvr schema.GroupVersionResource) *Resource {
	if r, ok := t.resources[gvr]; ok {
		return r
	}
	return t.registerLocked(Resource{Resource: gvr})
}

// resourceForKind finds the resource of a kind: registered first, else the apimachinery guess.
func (t *Tracker) resourceForKind(gvk schema.GroupVersionKind) schema.GroupVersionResource {
	if gvr, ok := t.kinds[gvk]; ok {
		return gvr
	}
	gvr, _ := meta.UnsafeGuessKindToResource(gvk)
	return gvr
}
