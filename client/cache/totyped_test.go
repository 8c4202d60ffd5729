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
}

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
