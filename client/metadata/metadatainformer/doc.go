// Package metadatainformer caches the metadata of any resource: client/cache informers over the
// metadata client, holding metav1.PartialObjectMetadata instead of whole objects.
//
//	factory := metadatainformer.NewSharedInformerFactory(client, 0)
//	secrets := factory.ForResource(corev1.SchemeGroupVersion.WithResource("secrets"))
//	factory.Start(ctx)
//	err := factory.WaitForCacheSync(ctx)
//	objs, err := secrets.Lister().ByNamespace("default").List(labels.Everything())
//
// The factory shares one informer per GroupVersionResource; ForResource returns the type-erased
// cache.GenericInformer of client-go's shape, Informer and Lister the typed ones.
//
// Layer: the cache layer, over client/metadata; it imports client/metadata, client/cache and
// apimachinery.
package metadatainformer
