// Package cache keeps a local, always up-to-date copy of Kubernetes objects of one type and tells
// event handlers about every change. It is the machinery under informers and listers.
//
// The pieces, from the wire up:
//
//   - ListerWatcher[L] is what the cache needs from a client: List and Watch. Typed clients
//     (client/typed), fake clients (client/fake) and ListWatchFuncs satisfy it.
//   - Reflector[T] lists (paginated, or as a streaming watch-list) and then watches, resuming from
//     the last resourceVersion after a dropped watch, relisting after 410 Gone, and backing off with
//     jitter on errors. It feeds a ReflectorStore.
//   - TypedStore[T] is a thread-safe store keyed "namespace/name" with a built-in namespace index and
//     custom indexes; Lister[T] and NamespaceLister[T] read it with label selectors.
//   - TypedInformer[T] runs a Reflector into an Indexer and fans changes out to any number of
//     event handlers, each with its own unbounded buffer and goroutine so that a slow handler never
//     stalls the watch. Handlers may be added or removed at any time.
//   - Factory shares one informer per type between all users of a clientset; generated informer
//     factories are thin wrappers around it.
//
// One options type, InformerOptions, configures both a Factory (NewFactory) and a single informer
// (NewSharedIndexInformerWithOptions); NewSharedIndexInformer(lw, resync, indexers) is client-go's
// constructor of the same name, with the object type as a type parameter. Generated packages add
// client-go's New<Kind>Informer, NewFiltered<Kind>Informer and New<Kind>InformerWithOptions.
//
// Memory: the cache stores only the decoded objects (no queue of deltas, no second copy, no key
// strings). Listers and handlers receive the cached pointers themselves: never mutate them; copy
// first (DeepCopy). By default informers also
//
//   - drop metadata.managedFields before storing an object, since controllers rarely read them and
//     they are often the largest part of small objects (InformerOptions.KeepManagedFields keeps
//     them);
//   - intern the metadata strings that repeat across objects (namespace, label and annotation keys,
//     label values and short annotation values, finalizers, owner references): equal strings of
//     different objects share one copy of their bytes, and so do the keys of string maps outside
//     metadata (ConfigMap data keys);
//   - pack the strings each object holds alone (name, UID, resourceVersion, ConfigMap data values,
//     every string of a spec) into one allocation per object of exactly their total length, instead
//     of one allocation each rounded up to the allocator's size class.
//
// Strings are immutable, so interning and packing are safe by construction and change no value
// (InformerOptions.NoStringInterning turns both off).
//
// Every cached object owns its maps: a (mistaken) mutation of one object's labels damages that
// object only. InformerOptions.ShareEqualMapsUnsafe trades this safety for memory: objects with
// equal label (or annotation) maps then share one map, and a mutation of one changes them all.
//
// Layer: cache sits above the REST layer; it imports apimachinery, klog, client/internal/fifo,
// client/internal/intern and client/internal/fastpaths (the KUBEGEN_FAST_PATHS switch), and knows clients only through the ListerWatcher interface, so it never
// depends on generated code.
package cache
