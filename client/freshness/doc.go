// Package freshness lets a controller read its own writes from an informer's cache. After a write
// returns an object with resourceVersion R, Expect records it; WaitFresh (or Get) for that key
// then waits, bounded, until the informer has observed R, so a reconcile that follows its own
// write never acts on the state from before it.
//
//	tracker, err := freshness.NewTracker(informer, freshness.Options{Timeout: 10 * time.Second})
//	updated, err := client.Update(ctx, obj, metav1.UpdateOptions{})
//	tracker.Expect(updated)
//	...
//	// next reconcile of the key:
//	obj, err := tracker.Get(ctx, key) // waits until the cache holds updated or something newer
//
// How "observed R" is decided:
//
//   - Comparable resourceVersions (the default): Kubernetes 1.35+ guarantees resourceVersions are
//     integers that grow with every write (KEP-5504). The informer's watch delivers events in
//     resourceVersion order, so once it has delivered an event at or after R, its cache reflects
//     every write up to R.
//   - Opaque resourceVersions (Options.OpaqueResourceVersions, for older servers or aggregated
//     APIs that promise no order): the cache must echo the write itself — an event for the key
//     carrying exactly R — or delete the key.
//
// A wait that runs out returns a *StaleError (errors.Is(err, ErrStale)) naming the key and both
// resourceVersions, so the controller can requeue instead of acting on stale state.
//
// Layer: controller toolkit, over client/cache and apimachinery.
package freshness
