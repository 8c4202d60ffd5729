package fake

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// DefaultFunc sets the defaults the apiserver gives objects of one kind when it decodes a request
// (create, update, patch, apply), on the object's serialized form: the map
// runtime.DefaultUnstructuredConverter gives (integers as int64, no empty fields). It only fills in
// what is absent.
type DefaultFunc func(obj map[string]any)

// SetDefaults registers f as the defaulting of objects of kind gvk, replacing the built-in one; nil
// removes the kind's defaulting. The tracker has built-in defaulting for the common kinds, learned from
// kube-apiserver: pods and the pod templates of workloads (restartPolicy, dnsPolicy,
// terminationGracePeriodSeconds, schedulerName, container imagePullPolicy, termination messages, port
// protocols, probes, volume modes), services (type, sessionAffinity, port protocols and target ports,
// internalTrafficPolicy), deployments, replica sets, stateful sets, daemon sets, jobs and cron jobs
// (replicas, strategies, history limits, ...); kinds registered from a CustomResourceDefinition get
// the defaults of their schema (RegisterCRD). Register defaults for other kinds here.
func (t *Tracker) SetDefaults(gvk schema.GroupVersionKind, f DefaultFunc) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.defaults == nil {
		t.defaults = map[schema.GroupVersionKind]DefaultFunc{}
	}
	t.defaults[gvk] = f
}

// defaultsFor returns the defaulting of kind gvk: the registered one, else the built-in one.
func (t *Tracker) defaultsFor(gvk schema.GroupVersionKind) DefaultFunc {
	if f, ok := t.defaults[gvk]; ok {
		return f
	}
	return builtinDefaults[gvk]
}

// applyDefaults gives obj the defaults of its resource: the schema of its CustomResourceDefinition
// (pruning included), the kind's strategy, then its DefaultFunc.
func (t *Tracker) applyDefaults(r *Resource, obj runtime.Object) runtime.Object {
	obj = t.pruneAndDefault(r, obj)
	if s, ok := r.strategy(); ok && s.defaults != nil {
		obj = onMap(obj, s.defaults)
	}
	if r.Kind.Empty() {
		return obj
	}
	if f := t.defaultsFor(r.Kind); f != nil {
		obj = onMap(obj, f)
	}
	return obj
}

// Helpers of the built-in defaults, over serialized objects.

// child returns m[k] as a map, creating it (when create) if absent.
func child(m map[string]any, k string, create bool) map[string]any {
	c, ok := m[k].(map[string]any)
	if !ok && create && m != nil {
		c = map[string]any{}
		m[k] = c
	}
	return c
}

// items returns the maps of the list m[k].
func items(m map[string]any, k string) []map[string]any {
	list, _ := m[k].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		if c, ok := x.(map[string]any); ok {
			out = append(out, c)
		}
	}
	return out
}

// setDefault sets m[k] to v when m has no k (or has it null).
func setDefault(m map[string]any, k string, v any) {
	if m == nil {
		return
	}
	if x, ok := m[k]; !ok || x == nil {
		m[k] = v
	}
}

// setIfEmpty sets m[k] to v when m has no k, or has it null, "" or 0: the default of a field that is
// not a pointer, whose zero value means unset.
func setIfEmpty(m map[string]any, k string, v any) {
	if m == nil {
		return
	}
	switch x := m[k].(type) {
	case nil:
		m[k] = v
	case string:
		if x == "" {
			m[k] = v
		}
	case int64:
		if x == 0 {
			m[k] = v
		}
	}
}

// strField returns m[k] as a string.
func strField(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}
