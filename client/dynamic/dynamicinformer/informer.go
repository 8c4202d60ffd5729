package dynamicinformer

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/dynamic"
)

// New returns an informer caching the unstructured objects of one resource, in one namespace or
// (namespace "") in all of them; namespace replaces opts.Namespace. Start it with Run; read it with
// its Lister. When opts.Resource is empty it is set from gvr, so the Lister's NotFound errors name
// the resource.
func New(client dynamic.Interface, gvr schema.GroupVersionResource, namespace string, opts cache.InformerOptions) *cache.TypedInformer[*unstructured.Unstructured] {
	var lw cache.ListerWatcher[*unstructured.UnstructuredList] = client.Resource(gvr)
	if namespace != "" {
		lw = client.Resource(gvr).Namespace(namespace)
	}
	opts.Namespace = namespace
	if opts.Resource.Empty() {
		opts.Resource = gvr.GroupResource()
	}
	return cache.NewSharedIndexInformerWithOptions[*unstructured.Unstructured](lw, opts)
}
