// Package gofile is a gengo generator that writes one whole Go file from a template function, for
// generators that write from the API model rather than per universe type (lister-gen,
// informer-gen). Types named through the "raw" namer are imported automatically, with import
// names that say what the package is ("corev1", "listerscorev1") rather than a bare "v1".
//
// Layer: generator plumbing (internal/codegen). It may import gengo and the standard library;
// never a generator or the runtime.
package gofile
