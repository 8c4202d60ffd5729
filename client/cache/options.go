package cache

import (
	"reflect"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/internal/fastpaths"
)

// InformerOptions configure informers: every informer of a Factory (NewFactory, and the generated
// NewSharedInformerFactoryWithOptions), or a single one (NewSharedIndexInformerWithOptions, and the
// generated New<Kind>InformerWithOptions). The zero value is usable; each field documents its
// default, and the defaults are applied in one place when an informer is built.
type InformerOptions struct {
	// Namespace limits a factory's informers, and those of generated constructors, to one
	// namespace; "" means all namespaces. An informer over a ListerWatcher of your own lists what
	// that ListerWatcher lists: there Namespace only names the informer.
	Namespace string
	// TweakListOptions edits the options of every list and watch, e.g. to add a label selector.
	TweakListOptions func(*metav1.ListOptions)
	// ResyncPeriod is the resync period of handlers added with AddEventHandler; 0 disables resync.
	ResyncPeriod time.Duration
	// Resource names the resource in logs and in the NotFound errors of the informer's Lister.
	// Generated constructors set it; leave it empty in a factory's options.
	Resource schema.GroupResource
	// Name identifies the informer in logs and sync errors. Default: Resource, or the object type
	// when Resource is empty, followed by " in namespace <Namespace>" when Namespace is set. Leave it
	// empty in a factory's options, which would give every informer the same name.
	Name string
	// Transform edits every object in place before it is cached (after managedFields are dropped
	// and before strings are interned), e.g. to drop fields nothing reads. It gets a freshly decoded
	// object that nothing else references.
	Transform func(obj Object)
	// UntypedTransform is client-go's form of a transform (the generated factories' WithTransform
	// sets it): it runs after Transform, managedFields dropping and interning, and an object it
	// fails on or turns into another type is cached untransformed (the failure is logged).
	UntypedTransform TransformFunc
	// CustomResync gives the informers of some object types (reflect.TypeOf(&corev1.Pod{})) another
	// resync period than ResyncPeriod; a factory's WithCustomResyncConfig sets it.
	CustomResync map[reflect.Type]time.Duration
	// InformerName names a factory's informers in logs (the generated factories' WithInformerName).
	InformerName *InformerName
	// KeepManagedFields keeps metadata.managedFields in cached objects; by default they are
	// dropped to save memory.
	KeepManagedFields bool
	// NoStringInterning turns off the interning of metadata strings and the packing of each
	// object's own strings into one allocation (see the package doc), for debugging; neither ever
	// changes a value. KUBEGEN_FAST_PATHS=off in the environment turns both off for every
	// informer of the process, with client/rest's fast decoders.
	NoStringInterning bool
	// ShareEqualMapsUnsafe makes cached objects with equal labels (or equal annotations) share
	// one map, saving about 340 bytes per map on top of interning. UNSAFE: a mutation of one
	// cached object's labels or annotations, even by a buggy handler of another informer user,
	// then silently changes every object that shares the map, and selector lists go wrong for
	// all of them. Use it only when every reader of the cache is known never to mutate.
	ShareEqualMapsUnsafe bool
	// NoWatchList makes the informer sync (and relist) with a paginated list. By default, over a
	// ListerWatcher that is a WatchListSupporter (typed, dynamic and fake clients), it syncs with
	// a streaming watch-list (sendInitialEvents=true), as client-go does since 1.35: the server
	// streams the current objects as events on one connection instead of answering one page
	// request after another, and no list response is ever held whole. A server without watch-list
	// support rejects the request, and the informer then lists for good. Other ListerWatchers
	// always list.
	NoWatchList bool
	// PageSize is the limit of each list page; negative for no pagination. Default: 500 for the
	// first page, then a tenth of the total the server announces, up to 5,000 (see
	// ReflectorOptions.PageSize).
	PageSize int64
	// WatchErrorHandler is told about every list or watch failure; default: log it.
	WatchErrorHandler func(err error)
	// Backoff paces retries after failures; default: see Backoff.
	Backoff Backoff
}

// name returns the informer name the options give an informer of T.
func (o InformerOptions) name(t reflect.Type) string {
	if o.Name != "" {
		return o.Name
	}
	name := t.String()
	if o.InformerName != nil {
		name = o.InformerName.name + ": " + name
	}
	if !o.Resource.Empty() {
		name = o.Resource.String()
		if o.InformerName != nil {
			name = o.InformerName.name + ": " + name
		}
	}
	if o.Namespace != "" {
		name += " in namespace " + o.Namespace
	}
	return name
}

// reflectorOptions returns the options of the reflector under an informer of T; watchList says
// whether its ListerWatcher supports watch-list.
func reflectorOptions[T Object](o InformerOptions, name string, watchList bool) ReflectorOptions[T] {
	return ReflectorOptions[T]{
		Name:              name,
		PageSize:          o.PageSize,
		UseWatchList:      watchList && !o.NoWatchList,
		Transform:         informerTransform[T](o),
		WatchErrorHandler: o.WatchErrorHandler,
		Backoff:           o.Backoff,
	}
}

// informerTransform chains, in this order, the managedFields dropper, the user's transform, string
// interning and (when asked for) map sharing.
func informerTransform[T Object](o InformerOptions) TypedTransformFunc[T] {
	var steps []TypedTransformFunc[T]
	if !o.KeepManagedFields {
		steps = append(steps, TransformStripManagedFields[T])
	}
	if t := o.Transform; t != nil {
		steps = append(steps, func(obj T) T {
			t(obj)
			return obj
		})
	}
	if !o.NoStringInterning && !fastpaths.Off() {
		steps = append(steps, internStrings[T])
	}
	if o.ShareEqualMapsUnsafe {
		steps = append(steps, shareMaps[T](newMapSharer()))
	}
	switch len(steps) {
	case 0:
		return nil
	case 1:
		return steps[0]
	}
	return func(obj T) T {
		for _, step := range steps {
			obj = step(obj)
		}
		return obj
	}
}
