package cache

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

func sameMap(a, b map[string]string) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

func TestMapSharer(t *testing.T) {
	s := newMapSharer()
	first := s.share(map[string]string{"app": "web", "tier": "front"})
	tests := []struct {
		name  string
		m     map[string]string
		share bool
	}{
		{"equal content", map[string]string{"tier": "front", "app": "web"}, true},
		{"different value", map[string]string{"app": "web", "tier": "back"}, false},
		{"subset", map[string]string{"app": "web"}, false},
		{"swapped key and value", map[string]string{"web": "app", "front": "tier"}, false},
	}
	for _, tc := range tests {
		if got := s.share(tc.m); sameMap(got, first) != tc.share {
			t.Errorf("%s: shared with the first map = %v, want %v", tc.name, !tc.share, tc.share)
		}
	}
	if got := s.share(nil); got != nil {
		t.Error("nil map not kept nil")
	}
}

func TestMapSharerMemoryIsBounded(t *testing.T) {
	s := newMapSharer()
	first := s.share(map[string]string{"n": "first"})
	for i := range 3 * sharerGeneration {
		s.share(map[string]string{"n": fmt.Sprint(i)})
		if n := len(s.current) + len(s.previous); n > 2*sharerGeneration {
			t.Fatalf("sharer remembers %d maps, more than two generations", n)
		}
	}
	if got := s.share(map[string]string{"n": "first"}); sameMap(got, first) {
		t.Fatal("a map two generations old is still remembered")
	}
}

// Maps are shared only when ShareEqualMapsUnsafe asks for it.
func TestInformerSharesMapsOnlyWhenAskedTo(t *testing.T) {
	for _, share := range []bool{false, true} {
		t.Run(fmt.Sprintf("ShareEqualMapsUnsafe=%v", share), func(t *testing.T) {
			h := newInformerHarness(t, InformerOptions{ShareEqualMapsUnsafe: share})
			h.run(t)
			a, b := cm("n", "a", "1", "app", "web"), cm("n", "b", "1", "app", "web")
			a.Annotations, b.Annotations = map[string]string{"owner": "x"}, map[string]string{"owner": "x"}
			h.lw.answerList(t, cmList("1", a))
			w, _ := h.lw.answerWatch(t)
			w.Add(b)
			eventually(t, "both cached", func() bool { return h.inf.Store().Len() == 2 })
			ca, _ := h.inf.Store().GetByKey("n/a")
			cb, _ := h.inf.Store().GetByKey("n/b")
			if sameMap(ca.Labels, cb.Labels) != share || sameMap(ca.Annotations, cb.Annotations) != share {
				t.Fatalf("labels shared %v, annotations shared %v; want %v", sameMap(ca.Labels, cb.Labels),
					sameMap(ca.Annotations, cb.Annotations), share)
			}
			if cb.Labels["app"] != "web" || cb.Annotations["owner"] != "x" {
				t.Fatalf("content changed: %v %v", cb.Labels, cb.Annotations)
			}
		})
	}
}

func BenchmarkMapSharer(b *testing.B) {
	s := newMapSharer()
	m := map[string]string{"app": "web", "tier": "frontend", "release": "r1"}
	b.ReportAllocs()
	for b.Loop() {
		s.share(m)
	}
}

// By default equal metadata strings of cached objects share their bytes; NoStringInterning keeps
// the decoded copies.
// KUBEGEN_FAST_PATHS=off turns interning off too.
func TestInformerInternsMetadataStrings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		option   bool
		env, off bool
	}{{"default", false, false, false}, {"NoStringInterning", true, false, true}, {"KUBEGEN_FAST_PATHS=off", false, true, true}} {
		off := tc.off
		t.Run(tc.name, func(t *testing.T) {
			if tc.env {
				t.Setenv("KUBEGEN_FAST_PATHS", "off")
			}
			h := newInformerHarness(t, InformerOptions{NoStringInterning: tc.option})
			h.run(t)
			// Built apart, so that no string is shared before the informer sees them.
			a, b := cm(strings.Clone("n"), "a", "1", strings.Clone("app"), strings.Clone("web")), cm(strings.Clone("n"), "b", "1", strings.Clone("app"), strings.Clone("web"))
			h.lw.answerList(t, cmList("1", a, b))
			h.lw.answerWatch(t)
			eventually(t, "both cached", func() bool { return h.inf.Store().Len() == 2 })
			ca, _ := h.inf.Store().GetByKey("n/a")
			cb, _ := h.inf.Store().GetByKey("n/b")
			shared := unsafe.StringData(ca.Labels["app"]) == unsafe.StringData(cb.Labels["app"]) &&
				unsafe.StringData(ca.Namespace) == unsafe.StringData(cb.Namespace)
			if shared == off {
				t.Fatalf("label value and namespace shared = %v, want %v", shared, !off)
			}
		})
	}
}
