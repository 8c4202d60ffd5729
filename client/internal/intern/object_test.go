package intern

import (
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unique"
	"unsafe"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// benchConfigMapJSON is test/bench's fixture ConfigMap as an informer caches it (managedFields
// dropped): six 100-byte data values, two labels, one annotation.
func benchConfigMapJSON(i int) []byte {
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{
			Name: fmt.Sprintf("settings-%05d", i), Namespace: fmt.Sprintf("ns-%02d", i%50),
			UID: "6d1f4e5a-8a37-4c47-9b8f-2f0a3c4b5d6e", ResourceVersion: fmt.Sprint(1000 + i),
			Labels:      map[string]string{"app": "web", "tier": "frontend"},
			Annotations: map[string]string{"owner": "team-a"},
		},
		Data: map[string]string{},
	}
	for _, k := range []string{"a", "b", "c", "d", "e", "f"} {
		cm.Data["key-"+k] = strings.Repeat(k, 100)
	}
	b, err := json.Marshal(cm)
	if err != nil {
		panic(err)
	}
	return b
}

// BenchmarkObject is the per-object cost of the informer's string step (interning metadata and
// packing the object's own strings) on freshly decoded fixture ConfigMaps, and of its two halves.
func BenchmarkObject(b *testing.B) {
	for _, bc := range []struct {
		name          string
		before, timed func(*corev1.ConfigMap)
	}{
		{"object", nil, func(cm *corev1.ConfigMap) { Object(cm) }},
		{"metadata+pack", nil, func(cm *corev1.ConfigMap) { Metadata(cm); Pack(cm) }},
		{"metadata", nil, func(cm *corev1.ConfigMap) { Metadata(cm) }},
		{"pack", func(cm *corev1.ConfigMap) { Metadata(cm) }, func(cm *corev1.ConfigMap) { Pack(cm) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			// Objects are decoded in batches just before they are timed, so that they are in the
			// CPU's caches as an informer's freshly decoded object is. cpu-ns/op is the thread's
			// CPU time over the timed parts, steadier than ns/op on a busy machine.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			const batch = 64
			data := make([][]byte, batch)
			for i := range data {
				data[i] = benchConfigMapJSON(i)
			}
			objs := make([]*corev1.ConfigMap, batch)
			var cpu time.Duration
			b.ReportAllocs()
			for done := 0; done < b.N; done += batch {
				b.StopTimer()
				for i := range objs {
					objs[i] = &corev1.ConfigMap{}
					if err := json.Unmarshal(data[i], objs[i]); err != nil {
						b.Fatal(err)
					}
					if bc.before != nil {
						bc.before(objs[i])
					}
				}
				b.StartTimer()
				cpu0 := threadCPU()
				for _, o := range objs[:min(batch, b.N-done)] {
					bc.timed(o)
				}
				cpu += threadCPU() - cpu0
			}
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}

// Object gives what Metadata followed by Pack gives: the same values, the same strings interned,
// the same strings packed into an allocation of the same size, on objects with and without
// metadata the walk reaches, with nested ObjectMetas (a pod template's), and with nothing worth
// packing.
func TestObjectEqualsMetadataThenPack(t *testing.T) {
	long := strings.Repeat("l", maxValue+3)
	cases := []struct {
		name string
		new  func(t *testing.T) any
	}{
		{"pod with every metadata list", func(t *testing.T) any { return decode(t) }},
		{"configmap", func(t *testing.T) any { return configMap(t, 3) }},
		{"bench configmap", func(t *testing.T) any { return unmarshal(t, benchConfigMapJSON(7), &corev1.ConfigMap{}) }},
		{"deployment with template metadata", func(t *testing.T) any {
			return unmarshal(t, []byte(`{"metadata":{"name":"web-deployment-with-a-long-name","namespace":"shop",
"uid":"0b5f3c1e-2d4a-4e6b-8c7d-9e0f1a2b3c4d","labels":{"app":"web"},"annotations":{"a":"`+long+`","b":"short"}},
"spec":{"selector":{"matchLabels":{"app":"web-frontend-selector"}},"template":{"metadata":{"name":"template-name-over-16",
"labels":{"app":"web-frontend-selector"},"annotations":{"c":"`+long+`","d":"short"}},
"spec":{"containers":[{"name":"web","image":"registry.example.com/team/web:1.2.3","args":["--listen=0.0.0.0:8080"]}]}}}}`),
				&appsv1.Deployment{})
		}},
		{"nothing worth packing", func(t *testing.T) any {
			return unmarshal(t, []byte(`{"metadata":{"name":"a-name-of-17-byte","namespace":"ns","labels":{"k":"v"}}}`), &corev1.ConfigMap{})
		}},
		{"unstructured", func(t *testing.T) any {
			u := &unstructured.Unstructured{}
			if err := u.UnmarshalJSON([]byte(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"shop",
"generateName":"web-","labels":{"app":"web"}},"data":{"key-a":"` + strings.Repeat("a", 100) + `"}}`)); err != nil {
				t.Fatal(err)
			}
			return u
		}},
		{"no metadata", func(t *testing.T) any {
			return &schemaNode{Description: strings.Clone("a widget of the example groups"),
				Items: &schemaNode{Description: strings.Clone("an item of the example groups")}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fused, apart := c.new(t), c.new(t)
			if !reflect.DeepEqual(fused, apart) {
				t.Fatal("the two decoded objects differ")
			}
			want := reflect.ValueOf(apart).Elem().Interface()
			fusedBuf := pack(fused, true)
			if m, ok := apart.(metav1.Object); ok {
				Metadata(m)
			}
			apartBuf := pack(apart, false)
			if !reflect.DeepEqual(reflect.ValueOf(fused).Elem().Interface(), want) {
				t.Fatal("Object changed a value")
			}
			if len(fusedBuf) != len(apartBuf) || cap(fusedBuf) != cap(apartBuf) {
				t.Errorf("Object packed %d bytes (cap %d), Metadata and Pack %d (cap %d)", len(fusedBuf), cap(fusedBuf), len(apartBuf), cap(apartBuf))
			}
			got, wantShape := shape(fused, fusedBuf), shape(apart, apartBuf)
			if !slices.Equal(got, wantShape) {
				t.Errorf("Object:\n%s\nMetadata then Pack:\n%s", strings.Join(got, "\n"), strings.Join(wantShape, "\n"))
			}
		})
	}
}

func unmarshal(t *testing.T, data []byte, obj any) any {
	t.Helper()
	if err := json.Unmarshal(data, obj); err != nil {
		t.Fatal(err)
	}
	return obj
}

// shape lists every non-empty string reachable from obj with its path, value and where its bytes
// are: "interned" (the canonical copy), "packed" (in buf) or "own".
func shape(obj any, buf []byte) []string {
	var out []string
	where := func(s string) string {
		switch {
		case unsafe.StringData(s) == unsafe.StringData(unique.Make(s).Value()):
			return "interned"
		case len(buf) > 0 && inRange(s, unsafe.Pointer(unsafe.SliceData(buf)), len(buf)):
			return "packed"
		}
		return "own"
	}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); s != "" {
				out = append(out, fmt.Sprintf("%s = %.24q: %s", path, s, where(s)))
			}
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Map:
			keys := v.MapKeys()
			slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
			for _, k := range keys {
				p := fmt.Sprintf("%s[%v]", path, k)
				walk(p+" (key)", k)
				walk(p, v.MapIndex(k))
			}
		}
	}
	walk("", reflect.ValueOf(obj))
	return out
}

// Object leaves nil and non-struct inputs alone.
func TestObjectOddInputs(t *testing.T) {
	Object(nil)
	Object((*corev1.ConfigMap)(nil))
	Object(corev1.ConfigMap{})
	Object(new(int))
}
