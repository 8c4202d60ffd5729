package fake

import (
	"fmt"
	"github.com/kubegen/kubegen/client/testing"
	"strconv"
	"sync"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"k8s.io/apimachinery/pkg/watch"
	"sigs.k8s.io/structured-merge-diff/v6/typed"
)

// defaultHistory is how many past events the tracker keeps for watches that resume from a
// resourceVersion; older resourceVersions get 410 Gone, as after an etcd compaction.
const defaultHistory = 10000

// Tracker is an in-memory object store with the semantics of a Kubernetes apiserver: one global,
// increasing resourceVersion, optimistic concurrency, generateName, label and field selectors, paginated
// lists, watches that resume from a resourceVersion, status subresource separation, and finalizers.
// It is safe for concurrent use. Objects go in and come out as deep copies; stored objects are never
// mutated.
type Tracker struct {
	scheme *runtime.Scheme

	mu        sync.RWMutex
	rv        uint64 // last resourceVersion handed out
	resources map[schema.GroupVersionResource]*Resource
	kinds     map[schema.GroupVersionKind]schema.GroupVersionResource
	objects   map[schema.GroupVersionResource]map[string]runtime.Object // by namespace/name
	history   history
	watchers  map[schema.GroupVersionResource]map[*watcher]struct{}

	fieldManagers map[fieldManagerKey]*managedfields.FieldManager
	schema        *typed.Parser // structured-merge-diff types of the resources; nil: deduced

	namespaceLifecycle bool                                    // see SetNamespaceLifecycle
	kindValidation     bool                                    // see SetKindValidation
	defaults           map[schema.GroupVersionKind]DefaultFunc // see SetDefaults
	customKinds        map[schema.GroupVersionKind]*customKind // see RegisterCRD

	reactorMu sync.RWMutex
	fake      *testing.Fake // action log and reaction chains; see UseFake
}

// NewTracker returns an empty tracker that uses scheme to learn the kinds of objects, then adds
// objects to it as Add does. Register resources before adding objects whose plural resource name
// apimachinery cannot guess from the kind.
func NewTracker(scheme *runtime.Scheme, objects ...runtime.Object) (*Tracker, error) {
	t := &Tracker{
		scheme:    scheme,
		resources: map[schema.GroupVersionResource]*Resource{},
		kinds:     map[schema.GroupVersionKind]schema.GroupVersionResource{},
		objects:   map[schema.GroupVersionResource]map[string]runtime.Object{},
		history:   history{limit: defaultHistory},
		watchers:  map[schema.GroupVersionResource]map[*watcher]struct{}{},

		fieldManagers: map[fieldManagerKey]*managedfields.FieldManager{},
		fake:          newFake(),
	}
	if err := t.Add(objects...); err != nil {
		return nil, err
	}
	return t, nil
}

// Add creates objects as Create does, each in its own namespace, under the resource registered for its
// kind (or, for unregistered kinds, the resource apimachinery guesses from the kind).
func (t *Tracker) Add(objects ...runtime.Object) error {
	for _, obj := range objects {
		if err := checkObject(obj); err != nil {
			return err
		}
		gvk, err := t.kindOf(obj)
		if err != nil {
			return err
		}
		t.mu.RLock()
		gvr := t.resourceForKind(gvk)
		t.mu.RUnlock()
		m, err := meta.Accessor(obj)
		if err != nil {
			return fmt.Errorf("fake: adding %s: %w", gvk.Kind, err)
		}
		if _, err := t.Create(gvr, m.GetNamespace(), obj, metav1.CreateOptions{}); err != nil {
			return fmt.Errorf("fake: adding %s %s/%s: %w", gvk.Kind, m.GetNamespace(), m.GetName(), err)
		}
	}
	return nil
}

// AddAsGiven stores deep copies of objects exactly as given, as client-go's object tracker stores the
// objects a fake clientset starts with: no uid, creationTimestamp, generation, resourceVersion,
// defaults or managedFields are added, and reads return the TypeMeta the object was given with.
// Each takes the next resourceVersion (seen in lists' and watches' resourceVersion, not in the
// object) until a write through the tracker stores it as the apiserver would. A test that seeds its
// informers' caches with the same objects thus sees the same objects through its fake clientset's
// informers. Objects need a name; an object already stored is AlreadyExists.
func (t *Tracker) AddAsGiven(objects ...runtime.Object) error {
	for _, obj := range objects {
		if err := t.addAsGiven(obj); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tracker) addAsGiven(obj runtime.Object) error {
	if err := checkObject(obj); err != nil {
		return err
	}
	gvk, err := t.kindOf(obj)
	if err != nil {
		return err
	}
	obj = obj.DeepCopyObject()
	m, err := meta.Accessor(obj)
	if err != nil {
		return fmt.Errorf("fake: adding %s: %w", gvk.Kind, err)
	}
	if m.GetName() == "" {
		return fmt.Errorf("fake: adding %s in namespace %q: the object has no name", gvk.Kind, m.GetNamespace())
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(t.resourceForKind(gvk))
	if r.Kind.Empty() {
		r.Kind = gvk
		t.kinds[gvk] = r.Resource
	}
	namespace := m.GetNamespace()
	if r.ClusterScoped {
		namespace = ""
	}
	k := key(namespace, m.GetName())
	if _, exists := t.objects[r.Resource][k]; exists {
		return fmt.Errorf("fake: adding %s %s: %w", gvk.Kind, k, apierrors.NewAlreadyExists(r.Resource.GroupResource(), m.GetName()))
	}
	t.storeLocked(r, watch.Added, k, obj, nil)
	return nil
}

// givenAsIs reports whether a stored object was added by AddAsGiven and not written since: only such
// objects have no resourceVersion.
func givenAsIs(obj runtime.Object) bool {
	m, err := meta.Accessor(obj)
	return err == nil && m.GetResourceVersion() == ""
}

// kindOf returns the kind of obj from its TypeMeta or, when that is empty, the scheme.
func (t *Tracker) kindOf(obj runtime.Object) (schema.GroupVersionKind, error) {
	if gvk := obj.GetObjectKind().GroupVersionKind(); !gvk.Empty() && gvk.Kind != "" {
		return gvk, nil
	}
	if t.scheme == nil {
		return schema.GroupVersionKind{}, fmt.Errorf("fake: %T has no apiVersion/kind and the tracker has no scheme", obj)
	}
	kinds, _, err := t.scheme.ObjectKinds(obj)
	if err != nil {
		return schema.GroupVersionKind{}, fmt.Errorf("fake: kind of %T: %w", obj, err)
	}
	return kinds[0], nil
}

// Get returns a deep copy of the named object.
func (t *Tracker) Get(gvr schema.GroupVersionResource, namespace, name string) (runtime.Object, error) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	if r, ok := t.resources[gvr]; ok && r.ClusterScoped {
		namespace = ""
	}
	obj, ok := t.objects[gvr][key(namespace, name)]
	if !ok {
		return nil, apierrors.NewNotFound(gvr.GroupResource(), name)
	}
	return obj.DeepCopyObject(), nil
}

// ResourceVersion returns the tracker's current resourceVersion: that of its latest write.
func (t *Tracker) ResourceVersion() string {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return formatRV(t.rv)
}

// SetHistoryLimit sets how many past events are kept for watches resuming from a resourceVersion
// (10,000 by default). Watches from a resourceVersion older than the history get 410 Gone.
func (t *Tracker) SetHistoryLimit(n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.history.limit = max(n, 1)
	t.history.trim(true)
}

// Compact forgets all past events, as an etcd compaction does: watches and paginated lists from any
// resourceVersion older than the current one then fail with 410 Gone.
func (t *Tracker) Compact() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.history.events = nil
	t.history.compacted = t.rv
}

// commitLocked stores a write: the new state (nil for a deletion) gets the next resourceVersion, the
// event is logged and sent to watchers. Callers hold t.mu for writing.
func (t *Tracker) commitLocked(r *Resource, typ watch.EventType, k string, obj, prev runtime.Object) runtime.Object {
	setRV(obj, t.rv+1)
	return t.storeLocked(r, typ, k, obj, prev)
}

// storeLocked is commitLocked without setting the object's resourceVersion.
func (t *Tracker) storeLocked(r *Resource, typ watch.EventType, k string, obj, prev runtime.Object) runtime.Object {
	t.rv++
	store := t.objects[r.Resource]
	if store == nil {
		store = map[string]runtime.Object{}
		t.objects[r.Resource] = store
	}
	if typ == watch.Deleted {
		delete(store, k)
	} else {
		store[k] = obj
	}
	ev := event{rv: t.rv, gvr: r.Resource, key: k, typ: typ, obj: obj, prev: prev}
	t.history.add(ev)
	for w := range t.watchers[r.Resource] {
		w.send(ev)
	}
	return obj
}

func key(namespace, name string) string { return namespace + "/" + name }

func formatRV(rv uint64) string { return strconv.FormatUint(rv, 10) }

func setRV(obj runtime.Object, rv uint64) {
	m, _ := meta.Accessor(obj)
	m.SetResourceVersion(formatRV(rv))
}

// parseRV parses a resourceVersion given in a request; "" is 0.
func parseRV(s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	rv, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, apierrors.NewBadRequest(fmt.Sprintf("invalid resource version: resourceVersion: Invalid value: %q: strconv.ParseUint: parsing %q: invalid syntax", s, s))
	}
	return rv, nil
}
