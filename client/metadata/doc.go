// Package metadata is a client that reads and writes only the metadata of objects — name,
// namespace, labels, annotations, owners, finalizers, resourceVersion — of any resource, as
// metav1.PartialObjectMetadata. The server strips everything else, so a controller that only needs
// metadata (garbage collection, label-driven bookkeeping) neither transfers nor caches specs and
// data.
//
//	client, err := metadata.NewForConfig(cfg)
//	secrets := client.Resource(corev1.SchemeGroupVersion.WithResource("secrets"))
//	list, err := secrets.Namespace("default").List(ctx, metav1.ListOptions{})
//
// It asks for protobuf (Accept "application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;
// g=meta.k8s.io;v=v1", and the PartialObjectMetadataList form for lists) with JSON of the same
// kinds as a fallback, and plain JSON last: a server that cannot convert sends whole objects,
// whose metadata is then kept. Package metadatainformer caches metadata-only objects.
//
// Names and signatures are client-go's (k8s.io/client-go/metadata).
//
// Layer: beside the typed and dynamic clients, over client/rest; it imports client/rest,
// apimachinery and sigs.k8s.io/json (decoding metadata only), never client/cache.
package metadata
