package metadatainformer

import (
	"context"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/cache"
	"github.com/kubegen/kubegen/client/metadata"
)

// Informer is an informer of metadata-only objects.
type Informer = cache.TypedInformer[*metav1.PartialObjectMetadata]

// New returns an informer caching the metadata of one resource, in one namespace or (namespace
// "") in all of them. When opts.Resource is empty it is set from gvr, so the Lister's NotFound
// errors name the resource.
func New(client metadata.Interface, gvr schema.GroupVersionResource, namespace string, opts cache.InformerOptions) *Informer {
	var lw cache.ListerWatcher[*metav1.PartialObjectMetadataList] = client.Resource(gvr)
	if namespace != "" {
		lw = client.Resource(gvr).Namespace(namespace)
	}
	opts.Namespace = namespace
	if opts.Resource.Empty() {
		opts.Resource = gvr.GroupResource()
	}
	return cache.NewSharedIndexInformerWithOptions[*metav1.PartialObjectMetadata](lw, opts)
}

// SharedInformerFactory hands out one shared metadata informer per resource.
type SharedInformerFactory struct {
	client    metadata.Interface
	resync    time.Duration
	namespace string
	tweak     func(*metav1.ListOptions)

	mu        sync.Mutex
	informers map[schema.GroupVersionResource]*Informer
	started   map[schema.GroupVersionResource]bool
	stopped   bool
	cancel    context.CancelFunc
	ctx       context.Context
	wg        sync.WaitGroup
}

// NewSharedInformerFactory returns a factory of informers over all namespaces.
func NewSharedInformerFactory(client metadata.Interface, defaultResync time.Duration) *SharedInformerFactory {
	return NewFilteredSharedInformerFactory(client, defaultResync, metav1.NamespaceAll, nil)
}

// NewFilteredSharedInformerFactory returns a factory of informers over one namespace ("" for
// all) whose lists and watches tweakListOptions may edit (e.g. to add a label selector).
func NewFilteredSharedInformerFactory(client metadata.Interface, defaultResync time.Duration, namespace string, tweakListOptions func(*metav1.ListOptions)) *SharedInformerFactory {
	ctx, cancel := context.WithCancel(context.Background())
	return &SharedInformerFactory{
		client: client, resync: defaultResync, namespace: namespace, tweak: tweakListOptions,
		informers: map[schema.GroupVersionResource]*Informer{},
		started:   map[schema.GroupVersionResource]bool{},
		ctx:       ctx, cancel: cancel,
	}
}

// Informer returns the factory's informer of gvr, creating it on first use.
func (f *SharedInformerFactory) Informer(gvr schema.GroupVersionResource) *Informer {
	f.mu.Lock()
	defer f.mu.Unlock()
	if inf, ok := f.informers[gvr]; ok {
		return inf
	}
	inf := New(f.client, gvr, f.namespace, cache.InformerOptions{
		TweakListOptions: f.tweak,
		ResyncPeriod:     f.resync,
	})
	f.informers[gvr] = inf
	return inf
}

// ForResource returns the informer of gvr with its object type erased, as client-go's factory does.
func (f *SharedInformerFactory) ForResource(gvr schema.GroupVersionResource) cache.GenericInformer {
	return cache.Generic(f.Informer(gvr))
}

// Lister returns a lister over the informer of gvr.
func (f *SharedInformerFactory) Lister(gvr schema.GroupVersionResource) *cache.Lister[*metav1.PartialObjectMetadata] {
	return f.Informer(gvr).Lister()
}

// Start runs every informer requested so far that is not running yet; they stop when ctx is done
// or on Shutdown.
func (f *SharedInformerFactory) Start(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		return
	}
	for gvr, inf := range f.informers {
		if f.started[gvr] {
			continue
		}
		f.started[gvr] = true
		f.wg.Go(func() {
			runCtx, cancel := context.WithCancel(ctx)
			defer cancel()
			stop := context.AfterFunc(f.ctx, cancel)
			defer stop()
			inf.RunWithContext(runCtx)
		})
	}
}

// WaitForCacheSync waits until every started informer has synced; see cache.WaitForCacheSync.
func (f *SharedInformerFactory) WaitForCacheSync(ctx context.Context) error {
	f.mu.Lock()
	var syncers []cache.Syncer
	for gvr, inf := range f.informers {
		if f.started[gvr] {
			syncers = append(syncers, inf)
		}
	}
	f.mu.Unlock()
	return cache.WaitForCacheSync(ctx, syncers...)
}

// Shutdown stops every informer and waits for them to return; the factory starts nothing after.
func (f *SharedInformerFactory) Shutdown() {
	f.mu.Lock()
	f.stopped = true
	f.cancel()
	f.mu.Unlock()
	f.wg.Wait()
}
