// Package discovery asks an API server what it serves: its groups, their versions (preferred first) and
// the resources of each group/version with their kinds, scopes, verbs, short names, categories and
// subresources.
//
// It uses aggregated discovery (one request each for /api and /apis, answered as an
// apidiscovery.k8s.io/v2 APIGroupDiscoveryList) and falls back to the legacy documents (/api, /apis, then
// one request per group/version) when the server does not offer it. Answers come back in the shapes Go
// users know from metav1: APIGroup, APIResourceList (subresources as "pods/status" entries).
//
// Memory wraps a client in an in-memory cache with Invalidate; Disk adds a per-host directory cache with
// a time to live, for command-line tools that start often.
//
// Layer: above client/rest, beside the typed clients; it imports client/rest, apimachinery and
// k8s.io/api/apidiscovery only.
package discovery
