// Package informergen is informer-gen: from the API model of Go types tagged +genclient it writes
// an informers package with a SharedInformerFactory for a clientset (per-group/version accessors,
// factory.Core().V1().Pods(), and a generic ForResource), a package per group and one per
// group/version with a <Kind>Informer for every kind that can be listed and watched. Bodies are
// one-liners over client/cache's Factory, InformerFor and NewInformer, with the typed clients as
// ListerWatchers; listers come from lister-gen's packages.
//
// Layer: generator (informer-gen). It may import internal/codegen (model, naming, output, gofile),
// gengo, pflag and klog; the code it writes imports client/cache, the clientset, its typed packages
// and the listers.
package informergen
