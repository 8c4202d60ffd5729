// Package dynamic is a client for any resource, compiled in or not: the full verb set (get, list,
// watch, create, update, update status, patch including server-side apply, delete, delete collection)
// over unstructured.Unstructured, addressed by GroupVersionResource.
//
//	crontabs := client.Resource(schema.GroupVersionResource{Group: "stable.example.com", Version: "v1", Resource: "crontabs"})
//	obj, err := crontabs.Namespace("default").Get(ctx, "nightly", metav1.GetOptions{})
//
// Pair it with discovery.RESTMapper to go from a kind or a short name to a resource, and with
// package dynamicinformer for a watch cache of unstructured objects.
//
// Layer: beside the typed clients, over client/rest; it imports client/rest and apimachinery, never
// client/cache (informers over it live in client/dynamic/dynamicinformer, one layer up).
package dynamic
