package cache

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
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
// sameMapKey reports whether a and b hold key in one copy of its bytes.
func sameMapKey(a, b map[string]string, key string) bool {
	var ka, kb string
	for k := range a {
		if k == key {
			ka = k
		}
	}
	for k := range b {
		if k == key {
			kb = k
		}
	}
	return ka == key && kb == key && unsafe.StringData(ka) == unsafe.StringData(kb)
}

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

// By default equal metadata strings (and data keys) of cached objects share their bytes, and the
// strings each object holds alone are packed into one allocation; NoStringInterning keeps the
// decoded copies. KUBEGEN_FAST_PATHS=off turns interning and packing off too.
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
			for _, o := range []*corev1.ConfigMap{a, b} {
				o.UID = types.UID(strings.Clone("6d1f4e5a-8a37-4c47-9b8f-2f0a3c4b5d6e"))
				o.Data = map[string]string{strings.Clone("key-a"): strings.Repeat("a", 100), strings.Clone("key-b"): strings.Repeat("b", 100)}
			}
			want := []*corev1.ConfigMap{a.DeepCopy(), b.DeepCopy()}
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
			if !reflect.DeepEqual([]*corev1.ConfigMap{ca, cb}, want) {
				t.Fatalf("cached objects differ from those listed:\n got %+v\n%+v\nwant %+v\n%+v", ca, cb, want[0], want[1])
			}
			if keys := sameMapKey(ca.Data, cb.Data, "key-a"); keys == off {
				t.Errorf("data keys shared = %v, want %v", keys, !off)
			}
			// Packed, the UID and both values lie in one allocation of their total length.
			strs := []string{string(ca.UID), ca.Data["key-a"], ca.Data["key-b"]}
			lo, hi := ^uintptr(0), uintptr(0)
			for _, s := range strs {
				p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
				lo, hi = min(lo, p), max(hi, p+uintptr(len(s)))
			}
			if packed := hi-lo == 236; packed == off {
				t.Errorf("UID and data values packed = %v (they span %d bytes), want %v", packed, hi-lo, !off)
			}
		})
	}
}
