package informergen

import (
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// args returns the runtime symbols plus extra key/value pairs.
func args(kv ...any) generator.Args { return gofile.Args(symbols, kv...) }

// fileName is the file of a kind's informer: <kind>.go.
func fileName(k *model.Kind) string {
	return gofile.KindFile("", strings.ToLower(k.Name), gofile.DocFile, versionFile)
}

// versionFile holds a version package's Interface.
const versionFile = "interface.go"

func rootDoc(name string) string {
	return "Package " + name + ` has the SharedInformerFactory of the clientset: one shared, cached informer
per resource, reached through per-group/version accessors such as factory.Core().V1().Pods(),
or by GroupVersionResource with ForResource.

	factory := ` + name + `.NewSharedInformerFactory(client, 10*time.Minute)
	pods := factory.Core().V1().Pods()
	factory.Start(ctx.Done())
	if res := factory.WaitForCacheSyncWithContext(ctx); res.Err != nil {
		return res.Err // names the informers that did not sync, and why
	}
	list, err := pods.Lister().Pods("default").List(labels.Everything())

The shapes are client-go's: Informer() is a cache.SharedIndexInformer taking untyped handlers
(cache.ResourceEventHandlerFuncs), Start and WaitForCacheSync take a stop channel; TypedInformer()
gives the same informer with typed handlers and reads.`
}

func writeFactory(sw *generator.SnippetWriter, groups []factoryGroup, clientset *types.Type) {
	sw.Do(`// SharedInformerOption configures a SharedInformerFactory; any function editing cache.InformerOptions is one.
type SharedInformerOption func(*$.informerOptions|raw$)

// WithNamespace limits every informer of the factory to namespace.
func WithNamespace(namespace string) SharedInformerOption {
	return func(o *$.informerOptions|raw$) { o.Namespace = namespace }
}

// WithTweakListOptions edits the options of every list and watch, e.g. to add a label selector.
func WithTweakListOptions(tweak func(*$.listOptions|raw$)) SharedInformerOption {
	return func(o *$.informerOptions|raw$) { o.TweakListOptions = tweak }
}

// WithTransform transforms every object before it is cached, e.g. to drop fields nothing reads
// (cache.InformerOptions.Transform is the typed, in-place form).
func WithTransform(transform $.transformFunc|raw$) SharedInformerOption {
	return func(o *$.informerOptions|raw$) { o.UntypedTransform = transform }
}

// WithCustomResyncConfig gives the informers of some object types their own resync period, keyed by
// an object of the type (&corev1.Pod{}).
func WithCustomResyncConfig(resyncConfig map[$.metaObject|raw$]$.duration|raw$) SharedInformerOption {
	return func(o *$.informerOptions|raw$) {
		if o.CustomResync == nil {
			o.CustomResync = map[$.reflectType|raw$]$.duration|raw${}
		}
		for obj, period := range resyncConfig {
			o.CustomResync[$.typeOf|raw$(obj)] = period
		}
	}
}

// WithInformerName names the factory's informers in logs and sync errors.
func WithInformerName(informerName *$.informerName|raw$) SharedInformerOption {
	return func(o *$.informerOptions|raw$) { o.InformerName = informerName }
}

// NewInformerFunc makes an informer for InformerFor from the factory's client and the resync
// period of its type.
type NewInformerFunc func($.clientset|raw$, $.duration|raw$) $.sharedIndexInformer|raw$

// SharedInformerFactory hands out one shared informer per resource of the clientset. Informers are
// created on first request; Start runs those not yet running.
type SharedInformerFactory interface {
	// Start runs every informer requested so far that is not running yet, until stopCh closes or
	// Shutdown; informers requested later need another Start.
	Start(stopCh <-chan struct{})
	// StartWithContext is Start ending when ctx is done.
	StartWithContext(ctx $.context|raw$)
	// WaitForCacheSync waits until every started informer has synced or stopCh closes, and
	// reports by object type which did.
	WaitForCacheSync(stopCh <-chan struct{}) map[$.reflectType|raw$]bool
	// WaitForCacheSyncWithContext is WaitForCacheSync ending when ctx is done; its Err names each
	// informer that had not synced, with its last list or watch error.
	WaitForCacheSyncWithContext(ctx $.context|raw$) $.syncResult|raw$
	// Shutdown stops every informer and waits until they have returned.
	Shutdown()
	// ForResource returns the informer of a resource chosen at run time.
	ForResource(resource $.gvr|raw$) (GenericInformer, error)
	// InformerFor returns the factory's informer for obj's type, made by newFunc on first use.
	InformerFor(obj $.runtimeObject|raw$, newFunc NewInformerFunc) $.sharedIndexInformer|raw$
	// InformerName returns the name WithInformerName gave, or nil.
	InformerName() *$.informerName|raw$
	// CacheFactory returns the generic factory beneath, to share typed informers of other types
	// through cache.InformerFor.
	CacheFactory() *$.factory|raw$
$range .groups$
	// $.GoName$ returns the informers of the $.DocName$ API group.
	$.GoName$() $.Pkg|raw$
$- end$
}

// sharedInformerFactory implements SharedInformerFactory over the generic cache.Factory.
type sharedInformerFactory struct {
	*$.factory|raw$
	client $.clientset|raw$
}

// NewSharedInformerFactory returns a factory of informers listing and watching with client in all
// namespaces, whose event handlers resync every defaultResync (0: never).
func NewSharedInformerFactory(client $.clientset|raw$, defaultResync $.duration|raw$) SharedInformerFactory {
	return NewSharedInformerFactoryWithOptions(client, defaultResync)
}

// NewFilteredSharedInformerFactory is NewSharedInformerFactory limited to namespace ("" for all),
// whose list and watch options tweakListOptions edits.
func NewFilteredSharedInformerFactory(client $.clientset|raw$, defaultResync $.duration|raw$, namespace string, tweakListOptions func(*$.listOptions|raw$)) SharedInformerFactory {
	return NewSharedInformerFactoryWithOptions(client, defaultResync, WithNamespace(namespace), WithTweakListOptions(tweakListOptions))
}

// NewSharedInformerFactoryWithOptions is NewSharedInformerFactory configured by options.
func NewSharedInformerFactoryWithOptions(client $.clientset|raw$, defaultResync $.duration|raw$, options ...SharedInformerOption) SharedInformerFactory {
	opts := $.informerOptions|raw${ResyncPeriod: defaultResync}
	for _, o := range options {
		o(&opts)
	}
	return &sharedInformerFactory{Factory: $.newFactory|raw$(opts), client: client}
}

// InformerFor implements SharedInformerFactory.
func (f *sharedInformerFactory) InformerFor(obj $.runtimeObject|raw$, newFunc NewInformerFunc) $.sharedIndexInformer|raw$ {
	return f.Factory.InformerFor(obj, func(resyncPeriod $.duration|raw$) $.sharedIndexInformer|raw$ {
		return newFunc(f.client, resyncPeriod)
	})
}

// CacheFactory implements SharedInformerFactory.
func (f *sharedInformerFactory) CacheFactory() *$.factory|raw$ {
	return f.Factory
}
$range .groups$
// $.GoName$ implements SharedInformerFactory.
func (f *sharedInformerFactory) $.GoName$() $.Pkg|raw$ {
	return $.New|raw$(f.Factory, f.client)
}
$end$`, args("groups", groups, "clientset", clientset))
}

// resourceCase is one case of ForResource.
type resourceCase struct {
	Group, Version, Resource string
	Accessor                 string // "Core().V1().Pods()"
	GVR, NewGeneric          *types.Type
}

func (l layout) writeGeneric(sw *generator.SnippetWriter, groups []factoryGroup) {
	var cases []resourceCase
	for _, g := range groups {
		for _, v := range g.Versions {
			for _, k := range informableKinds(v) {
				cases = append(cases, resourceCase{
					Group: g.Name, Version: v.Name, Resource: k.Resource,
					Accessor: g.GoName + "()." + v.GoName() + "()." + k.Plural + "()",
					GVR:      symbols["gvr"], NewGeneric: symbols["newGeneric"],
				})
			}
		}
	}
	sw.Do(`// GenericInformer is an informer with its object type erased, for resources chosen at run time.
type GenericInformer = $.genericInformer|raw$

// ForResource implements SharedInformerFactory: it returns the shared informer of resource (the
// same one the typed accessor returns), or an error for a resource the factory has no informer for.
func (f *sharedInformerFactory) ForResource(resource $.gvr|raw$) (GenericInformer, error) {
	switch resource {
$- range .cases$
	case $.GVR|raw${Group: "$.Group$", Version: "$.Version$", Resource: "$.Resource$"}:
		return $.NewGeneric|raw$(f.$.Accessor$.TypedInformer()), nil
$- end$
	}
	return nil, $.errorf|raw$("no informer for %s in this factory (is it served by the clientset and listable?)", resource)
}
`, args("cases", cases))
}

// groupVersion is one version a group package offers.
type groupVersion struct {
	V, GV, GVGoName string      // "V1beta1", "gateway/v1beta1", "GatewayV1beta1"
	Iface, New      *types.Type // the version package's Interface and New
	Client          *types.Type // the typed package's <Group><Version>Interface
}

func (l layout) writeGroup(sw *generator.SnippetWriter, g factoryGroup) {
	var vs []groupVersion
	for _, v := range g.Versions {
		vs = append(vs, groupVersion{
			V: v.GoName(), GV: v.String(), GVGoName: v.GroupVersionGoName(),
			Iface: types.Ref(l.versionPkg(v), "Interface"), New: types.Ref(l.versionPkg(v), "New"),
			Client: types.Ref(l.typedPkg(v), v.GroupVersionGoName()+"Interface"),
		})
	}
	sw.Do(`// Interface gives the informers of the $.group$ API group, by version.
type Interface interface {
$- range .versions$
	// $.V$ returns the informers of $.GV$.
	$.V$() $.Iface|raw$
$- end$
}

// Client is what New needs from a clientset: its clients of the versions above. Every clientset
// holding them is one.
type Client interface {
$- range .versions$
	$.GVGoName$() $.Client|raw$
$- end$
}

// group implements Interface.
type group struct {
	factory *$.factory|raw$
	client  Client
}

// New returns the $.group$ informers shared through factory, listing and watching with client.
func New(factory *$.factory|raw$, client Client) Interface {
	return &group{factory: factory, client: client}
}
$range .versions$
// $.V$ implements Interface.
func (g *group) $.V$() $.Iface|raw$ {
	return $.New|raw$(g.factory, g.client.$.GVGoName$())
}
$end$`, args("group", g.Group.DocName(), "versions", vs))
}

func (l layout) writeVersion(sw *generator.SnippetWriter, v *model.Version, kinds []*model.Kind) {
	var ds []kindData
	for _, k := range kinds {
		ds = append(ds, l.kindData(k))
	}
	sw.Do(`// Client is what New<Kind>Informer and NewFiltered<Kind>Informer need from a clientset: its
// $.gv$ client. Every clientset holding $.gv$ is one.
type Client interface {
	$.GV$() $.client|raw$
}

// Interface gives the shared informers of the $.gv$ API.
type Interface interface {
$- range .kinds$
	// $.Plural$ returns the shared informer of $.Plural$.
	$.Plural$() $.Name$Informer
$- end$
}

// version implements Interface.
type version struct {
	factory *$.factory|raw$
	client  $.client|raw$
}

// New returns the $.gv$ informers shared through factory, listing and watching with client.
// Versions outside the clientset get their informers this way, with a client from their typed
// package's NewForConfig and the factory's CacheFactory().
func New(factory *$.factory|raw$, client $.client|raw$) Interface {
	return &version{factory: factory, client: client}
}
$range .kinds$
// $.Plural$ implements Interface.
func (v *version) $.Plural$() $.Name$Informer {
	return &$.Impl${factory: v.factory, client: v.client}
}
$end$`, args("gv", v.String(), "GV", v.GroupVersionGoName(), "kinds", ds, "client", types.Ref(l.typedPkg(v), v.GroupVersionGoName()+"Interface")))
}

func writeInformer(sw *generator.SnippetWriter, d kindData) {
	sw.Do(`// $.k.Name$Informer gives the shared informer of $.k.Plural$ ($.k.GV$ "$.k.Resource$") and a lister over its cache.
type $.k.Name$Informer interface {
	// Informer returns the shared informer as client-go's interface, created on first use; the
	// factory's Start runs it.
	Informer() $.sharedIndexInformer|raw$
	// TypedInformer returns the same informer with typed handlers (AddTypedEventHandler) and
	// typed reads of its cache (Store, Lister).
	TypedInformer() *$.informer|raw$[*$.k.Type|raw$]
	// Lister returns a lister over the informer's cache.
	Lister() $.k.Lister|raw$
}

// $.k.Impl$ implements $.k.Name$Informer.
type $.k.Impl$ struct {
	factory *$.factory|raw$
	client  $.k.Getter|raw$
}

// New$.k.Name$Informer returns a new informer of $.k.Plural$$if .k.Namespaced$ in namespace ("" for all)$end$, not shared
// with any factory, whose handlers resync every resyncPeriod (0: never) and whose cache has
// indexers besides NamespaceIndex. Prefer the factory's shared informer.
func New$.k.Name$Informer(client Client, $if .k.Namespaced$namespace string, $end$resyncPeriod $.duration|raw$, indexers $.indexers|raw$) $.sharedIndexInformer|raw$ {
	return NewFiltered$.k.Name$Informer(client, $if .k.Namespaced$namespace, $end$resyncPeriod, indexers, nil)
}

// NewFiltered$.k.Name$Informer is New$.k.Name$Informer whose list and watch options tweakListOptions edits.
func NewFiltered$.k.Name$Informer(client Client, $if .k.Namespaced$namespace string, $end$resyncPeriod $.duration|raw$, indexers $.indexers|raw$, tweakListOptions func(*$.listOptions|raw$)) $.sharedIndexInformer|raw$ {
	opts := $.informerOptions|raw${ResyncPeriod: resyncPeriod, TweakListOptions: tweakListOptions}
	return New$.k.Name$InformerWithOptions(client.$.k.GVGoName$(), $if .k.Namespaced$namespace, $end$opts, $.toTyped|raw$[*$.k.Type|raw$](indexers))
}

// New$.k.Name$InformerWithOptions returns a new typed informer of $.k.Plural$, not shared with any
// factory, configured by opts, with the given indexes besides NamespaceIndex. $if .k.Namespaced$namespace ("" for all)
// replaces opts.Namespace.$else$opts.Namespace is ignored:
// $.k.Plural$ are cluster-scoped.$end$
func New$.k.Name$InformerWithOptions(client $.k.Getter|raw$, $if .k.Namespaced$namespace string, $end$opts $.informerOptions|raw$, indexers ...$.typedIndexers|raw$[*$.k.Type|raw$]) *$.informer|raw$[*$.k.Type|raw$] {
	opts.Namespace = $if .k.Namespaced$namespace$else$""$end$
	opts.Resource = $.gr|raw${Group: "$.k.Group$", Resource: "$.k.Resource$"}
	return $.newInformer|raw$[*$.k.Type|raw$, *$.k.List|raw$](client.$.k.Plural$($if .k.Namespaced$namespace$end$), opts, indexers...)
}

// Typed$.k.Name$Informer is $.k.Name$Informer, which is typed already: client-go v0.37's name for
// the informer with TypedInformer().
type Typed$.k.Name$Informer = $.k.Name$Informer

// $.k.Name$IndexInformer is the shared informer of $.k.Plural$ with type-safe methods beside the
// untyped ones (client-go v0.37's type; TypedInformer() gives more, such as a typed Lister).
type $.k.Name$IndexInformer $.typedSharedIndexInformer|raw$[*$.k.Type|raw$]

// $.k.Name$HandlerFuncs are typed event handler functions for $.k.Plural$.
type $.k.Name$HandlerFuncs = $.typedHandlerFuncs|raw$[*$.k.Type|raw$]

// $.k.Name$FilteringHandler is a typed event handler for the $.k.Plural$ a filter accepts.
type $.k.Name$FilteringHandler = $.typedFilteringHandler|raw$[*$.k.Type|raw$]

// $.k.Name$Indexers are typed index functions of $.k.Plural$ by index name.
type $.k.Name$Indexers = $.typedIndexers|raw$[*$.k.Type|raw$]

// NewTyped$.k.Name$Informer is New$.k.Name$Informer with typed indexers, returning the typed informer.
func NewTyped$.k.Name$Informer(client Client, $if .k.Namespaced$namespace string, $end$resyncPeriod $.duration|raw$, indexers $.k.Name$Indexers) $.k.Name$IndexInformer {
	return NewTypedFiltered$.k.Name$Informer(client, $if .k.Namespaced$namespace, $end$resyncPeriod, indexers, nil)
}

// NewTypedFiltered$.k.Name$Informer is NewFiltered$.k.Name$Informer with typed indexers, returning the
// typed informer.
func NewTypedFiltered$.k.Name$Informer(client Client, $if .k.Namespaced$namespace string, $end$resyncPeriod $.duration|raw$, indexers $.k.Name$Indexers, tweakListOptions func(*$.listOptions|raw$)) $.k.Name$IndexInformer {
	opts := $.informerOptions|raw${ResyncPeriod: resyncPeriod, TweakListOptions: tweakListOptions}
	return New$.k.Name$InformerWithOptions(client.$.k.GVGoName$(), $if .k.Namespaced$namespace, $end$opts, indexers)
}

// ToTyped$.k.Name$Informer returns informer: every $.k.Name$Informer is typed (client-go's converts
// an untyped one).
func ToTyped$.k.Name$Informer(informer $.k.Name$Informer) Typed$.k.Name$Informer {
	return informer
}

// To$.k.Name$IndexInformer gives informer, which must hold $.k.Plural$, typed methods: the informer
// itself when it has them (as every informer of this package has), else a view of it.
func To$.k.Name$IndexInformer(informer $.sharedIndexInformer|raw$) $.k.Name$IndexInformer {
	return $.toTypedInformer|raw$[*$.k.Type|raw$](informer)
}

// Informer implements $.k.Name$Informer.
func (i *$.k.Impl$) Informer() $.sharedIndexInformer|raw$ {
	return i.TypedInformer()
}

// TypedInformer implements $.k.Name$Informer.
func (i *$.k.Impl$) TypedInformer() *$.informer|raw$[*$.k.Type|raw$] {
	return $.informerFor|raw$(i.factory, func(opts $.informerOptions|raw$) *$.informer|raw$[*$.k.Type|raw$] {
		return New$.k.Name$InformerWithOptions(i.client, $if .k.Namespaced$opts.Namespace, $end$opts)
	})
}

// Lister implements $.k.Name$Informer.
func (i *$.k.Impl$) Lister() $.k.Lister|raw$ {
	return $.k.NewLister|raw$(i.TypedInformer().GetIndexer())
}
`, args("k", d))
}
