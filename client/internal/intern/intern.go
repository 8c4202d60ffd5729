// Package intern makes equal strings in the metadata of cached objects share one copy of their
// bytes. Label and annotation keys and values, namespaces, finalizers and owner references repeat
// across thousands of objects; each decoded object otherwise carries its own copy of every one.
//
// Contract: Metadata changes which bytes an object's strings point to, never their values; the
// object is reflect.DeepEqual to itself before the call. Strings are immutable in Go, so sharing
// them is safe by construction (unlike sharing maps, which anyone holding the object can change).
// Canonical copies come from the standard library's unique package: they are dropped by the
// garbage collector once no object uses them, so interning never holds memory of its own.
//
// Layer: internal to client/cache; it imports only apimachinery's metav1.
package intern

import (
	"unique"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// maxValue is the longest annotation value interned. Longer values (last-applied configurations,
// certificates, JSON blobs) rarely repeat and would only cost the hashing.
const maxValue = 128

// String returns the canonical copy of s.
func String[S ~string](s S) S {
	if s == "" {
		return s
	}
	return S(unique.Make(string(s)).Value())
}

// Metadata interns the repeating strings of obj's metadata in place. obj must be referenced by
// nothing else yet (a freshly decoded object): its maps are edited in place.
func Metadata(obj metav1.Object) {
	if ns := obj.GetNamespace(); ns != "" {
		obj.SetNamespace(String(ns))
	}
	if g := obj.GetGenerateName(); g != "" {
		obj.SetGenerateName(String(g))
	}
	Map(obj.GetLabels(), -1)
	Map(obj.GetAnnotations(), maxValue)
	internLists(obj.GetFinalizers(), obj.GetOwnerReferences(), obj.GetManagedFields())
}

// internLists interns the strings of the metadata lists in place.
func internLists(fs []string, refs []metav1.OwnerReference, mf []metav1.ManagedFieldsEntry) {
	for n := range fs {
		fs[n] = String(fs[n])
	}
	for n := range refs {
		r := &refs[n]
		r.APIVersion, r.Kind, r.Name = String(r.APIVersion), String(r.Kind), String(r.Name)
		r.UID = String(r.UID)
	}
	for n := range mf {
		e := &mf[n]
		e.Manager, e.APIVersion, e.FieldsType, e.Subresource = String(e.Manager), String(e.APIVersion), String(e.FieldsType), String(e.Subresource)
		e.Operation = String(e.Operation)
	}
}

// Map interns the keys of m, and its values up to maxValueLen bytes long (all values when
// maxValueLen is negative), in place.
func Map(m map[string]string, maxValueLen int) {
	for k, v := range m {
		if maxValueLen < 0 || len(v) <= maxValueLen {
			v = String(v)
		}
		// Assigning to an existing key also stores the new key string, so the decoded one is freed.
		m[String(k)] = v
	}
}
