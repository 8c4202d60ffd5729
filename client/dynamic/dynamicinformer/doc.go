// Package dynamicinformer builds watch caches of unstructured objects for any resource, compiled in
// or not: a client/cache SharedIndexInformer over a client/dynamic client.
//
//	inf := dynamicinformer.New(client, crontabsGVR, "default", cache.InformerOptions{})
//	go inf.Run(ctx)
//	err := cache.WaitForCacheSync(ctx, inf)
//
// Layer: the cache layer, over client/dynamic; it imports client/dynamic, client/cache and
// apimachinery. It lives apart from client/dynamic so that the dynamic client stays below the cache.
package dynamicinformer
