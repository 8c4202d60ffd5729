package cache

import (
	"reflect"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// untypedInformer is a SharedIndexInformer of another implementation than kubegen's: it records
// the handler and indexers it is given.
type untypedInformer struct {
	SharedIndexInformer
	handler  ResourceEventHandler
	options  *HandlerOptions
	indexers Indexers
	indexer  Indexer
}

func (u *untypedInformer) GetIndexer() Indexer { return u.indexer }

func (u *untypedInformer) AddEventHandler(h ResourceEventHandler) (ResourceEventHandlerRegistration, error) {
	u.handler = h
	return nil, nil
}

func (u *untypedInformer) AddEventHandlerWithOptions(h ResourceEventHandler, o HandlerOptions) (ResourceEventHandlerRegistration, error) {
	u.handler, u.options = h, &o
	return nil, nil
}

func (u *untypedInformer) AddIndexers(indexers Indexers) error {
	u.indexers = indexers
	return nil
}

// TestNewTypedSharedIndexInformer: a kubegen informer is returned as it is; another is viewed
// typed, its handlers getting Ts (unwrapping delete tombstones) and its indexers converted.
func TestNewTypedSharedIndexInformer(t *testing.T) {
	kubegen := NewSharedIndexInformer[*corev1.Pod](ListWatchFuncs[*corev1.PodList]{}, 0, nil)
	if got := NewTypedSharedIndexInformer[*corev1.Pod](kubegen); got != TypedSharedIndexInformer[*corev1.Pod](kubegen) {
		t.Errorf("a kubegen informer is wrapped: %T", got)
	}

	u := &untypedInformer{}
	typed := NewTypedSharedIndexInformer[*corev1.Pod](u)
	var events []string
	_, err := typed.AddTypedEventHandler(TypedResourceEventHandlerFuncs[*corev1.Pod]{
		AddFunc:    func(p *corev1.Pod) { events = append(events, "add "+p.Name) },
		UpdateFunc: func(o, n *corev1.Pod) { events = append(events, "update "+o.Name+" "+n.Name) },
		DeleteFunc: func(p *corev1.Pod) { events = append(events, "delete "+p.Name) },
	})
	if err != nil || u.handler == nil {
		t.Fatalf("AddTypedEventHandler: %v, handler %v", err, u.handler)
	}
	pod := func(name string) *corev1.Pod { return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}} }
	u.handler.OnAdd(pod("a"), true)
	u.handler.OnAdd(&corev1.Node{}, false) // not a Pod: dropped
	u.handler.OnUpdate(pod("a"), pod("b"))
	u.handler.OnDelete(pod("b"))
	u.handler.OnDelete(DeletedFinalStateUnknown{Key: "ns/c", Obj: pod("c")})
	want := []string{"add a", "update a b", "delete b", "delete c"}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("events %q, want %q", events, want)
	}

	var period time.Duration
	if _, err := typed.AddTypedEventHandler(TypedResourceEventHandlerFuncs[*corev1.Pod]{}, HandlerOptions{ResyncPeriod: &period}); err != nil || u.options == nil {
		t.Errorf("with options: %v, options %v", err, u.options)
	}
	if _, err := typed.AddTypedEventHandler(TypedResourceEventHandlerFuncs[*corev1.Pod]{}, HandlerOptions{}, HandlerOptions{}); err == nil {
		t.Error("two HandlerOptions accepted")
	}

	byNode := TypedIndexers[*corev1.Pod]{"node": func(p *corev1.Pod) ([]string, error) { return []string{p.Spec.NodeName}, nil }}
	if err := typed.AddTypedIndexers(byNode); err != nil {
		t.Fatal(err)
	}
	p := pod("d")
	p.Spec.NodeName = "n1"
	if got, err := u.indexers["node"](p); err != nil || !reflect.DeepEqual(got, []string{"n1"}) {
		t.Errorf("converted index gives %q, %v", got, err)
	}
}

// TestGetTypedIndexer: a kubegen informer's typed indexer and one over another Indexer answer index
// queries with Ts, typed indexes added through it included.
func TestGetTypedIndexer(t *testing.T) {
	pod := func(name, node string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name}, Spec: corev1.PodSpec{NodeName: node}}
	}
	byNode := TypedIndexers[*corev1.Pod]{"node": func(p *corev1.Pod) ([]string, error) { return []string{p.Spec.NodeName}, nil }}
	kubegen := NewSharedIndexInformer[*corev1.Pod](ListWatchFuncs[*corev1.PodList]{}, 0, nil)
	if _, direct := kubegen.GetTypedIndexer().(*indexerView[*corev1.Pod]); !direct {
		t.Errorf("a kubegen informer's typed indexer converts through the untyped one: %T", kubegen.GetTypedIndexer())
	}
	for name, indexer := range map[string]TypedIndexer[*corev1.Pod]{
		"kubegen informer": kubegen.GetTypedIndexer(),
		"other indexer":    NewTypedIndexer[*corev1.Pod](NewIndexer(MetaNamespaceKeyFunc, nil)),
	} {
		if err := indexer.AddTypedIndexers(byNode); err != nil {
			t.Fatalf("%s: AddTypedIndexers: %v", name, err)
		}
		for _, p := range []*corev1.Pod{pod("a", "n1"), pod("b", "n2"), pod("c", "n1")} {
			if err := indexer.Add(p); err != nil {
				t.Fatalf("%s: Add: %v", name, err)
			}
		}
		got, err := indexer.ByTypedIndex("node", "n1")
		if err != nil || len(got) != 2 || got[0].Spec.NodeName != "n1" || got[1].Spec.NodeName != "n1" {
			t.Errorf("%s: ByTypedIndex(node, n1) = %v, %v; want a and c", name, got, err)
		}
		got, err = indexer.TypedIndex("node", pod("x", "n2"))
		if err != nil || len(got) != 1 || got[0].Name != "b" {
			t.Errorf("%s: TypedIndex(node, n2) = %v, %v; want b", name, got, err)
		}
		if _, err := indexer.ByTypedIndex("missing", "v"); err == nil {
			t.Errorf("%s: an unknown index gives no error", name)
		}
	}
	u := &untypedInformer{indexer: NewIndexer(MetaNamespaceKeyFunc, nil)}
	if err := u.indexer.Add(pod("d", "n3")); err != nil {
		t.Fatal(err)
	}
	got, err := NewTypedSharedIndexInformer[*corev1.Pod](u).GetTypedIndexer().ByTypedIndex(NamespaceIndex, "ns")
	if err != nil || len(got) != 1 || got[0].Name != "d" {
		t.Errorf("a wrapped informer's typed indexer: %v, %v; want d", got, err)
	}
}
