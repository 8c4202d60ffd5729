// Package listergen is lister-gen: from the API model of Go types tagged +genclient it writes, for
// each group/version, a listers package with one <Kind>Lister per kind that can be listed (and a
// <Kind>NamespaceLister for namespaced kinds). The listers read a cache filled by an informer;
// their bodies are one-liners over client/cache's generic Lister[T].
//
// Layer: generator (lister-gen). It may import internal/codegen (model, naming, output, gofile),
// gengo, pflag and klog; the code it writes imports client/cache and apimachinery.
package listergen
