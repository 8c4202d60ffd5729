package intern

import (
	"encoding/json"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// configMap returns a freshly decoded ConfigMap, sharing no string with any other.
func configMap(t testing.TB, i int) *corev1.ConfigMap {
	t.Helper()
	in := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{
			Name: "settings-" + strings.Repeat("x", i), Namespace: "shop", UID: "6d1f4e5a-8a37-4c47-9b8f-2f0a3c4b5d6e",
			ResourceVersion: "123456", Labels: map[string]string{"app": "web"},
			Annotations: map[string]string{"owner": "team-a", "long": strings.Repeat("l", maxValue+1)},
		},
		Data: map[string]string{"key-a": strings.Repeat("a", 100), "key-b": strings.Repeat("b", 100), "small": "s",
			"exact": strings.Repeat("e", 128), "large": strings.Repeat("g", maxPacked+1)},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out := &corev1.ConfigMap{}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// inRange reports whether s's bytes lie in the n bytes from base.
func inRange(s string, base unsafe.Pointer, n int) bool {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	return p >= uintptr(base) && p+uintptr(len(s)) <= uintptr(base)+uintptr(n)
}

// Pack never changes a value, and the strings it packs all lie in one allocation.
func TestPackKeepsValuesInOneAllocation(t *testing.T) {
	cm := configMap(t, 3)
	want := cm.DeepCopy()
	Metadata(cm)
	Pack(cm)
	if !reflect.DeepEqual(cm, want) {
		t.Fatalf("packing changed the object:\n got %+v\nwant %+v", cm, want)
	}
	base := unsafe.Pointer(unsafe.StringData(string(cm.UID)))
	size := len(cm.UID) + len(cm.Annotations["long"]) + len(cm.Data["key-a"]) + len(cm.Data["key-b"])
	// The slab starts with whichever packed string the walk meets first; find the lowest.
	packed := []string{string(cm.UID), cm.Annotations["long"], cm.Data["key-a"], cm.Data["key-b"]}
	for _, s := range packed {
		if p := unsafe.Pointer(unsafe.StringData(s)); uintptr(p) < uintptr(base) {
			base = p
		}
	}
	for _, s := range packed {
		if !inRange(s, base, size) {
			t.Errorf("%.20q... is not in the packed allocation", s)
		}
	}
	for what, s := range map[string]string{
		"a name under 16 bytes (tiny allocator)": cm.ResourceVersion,
		"a value of exactly a size class":        cm.Data["exact"],
		"a value over maxPacked":                 cm.Data["large"],
		"an interned annotation value":           cm.Annotations["owner"],
	} {
		if inRange(s, base, size) {
			t.Errorf("%s was packed", what)
		}
	}
}

// Data keys are interned; values, which belong to one object, are not shared between objects.
func TestPackInternsMapKeysOnly(t *testing.T) {
	a, b := configMap(t, 1), configMap(t, 1)
	for _, o := range []*corev1.ConfigMap{a, b} {
		Metadata(o)
		Pack(o)
	}
	if !same(mapKey(a.Data, "key-a"), mapKey(b.Data, "key-a")) {
		t.Error("data key not interned")
	}
	if same(a.Data["key-a"], b.Data["key-a"]) || same(string(a.UID), string(b.UID)) {
		t.Error("packed strings of two objects share bytes")
	}
}

// Mutating a packed object's maps and strings changes nothing in another packed object.
func TestPackedObjectsStayIndependent(t *testing.T) {
	a, b := configMap(t, 1), configMap(t, 1)
	for _, o := range []*corev1.ConfigMap{a, b} {
		Metadata(o)
		Pack(o)
	}
	want := b.DeepCopy()
	a.Data["key-a"] = "changed"
	a.Data["new"] = "x"
	delete(a.Data, "key-b")
	a.Name, a.UID = "other", "other"
	a.Annotations["long"] = "short"
	if !reflect.DeepEqual(b, want) {
		t.Fatalf("mutating one packed object changed another:\n got %+v\nwant %+v", b, want)
	}
}

// Nested types: strings in structs, pointers, slices of structs and of strings are packed, and
// every value is kept.
func TestPackNestedTypes(t *testing.T) {
	d := &appsv1.Deployment{}
	src := `{"metadata":{"name":"web","uid":"0b5f3c1e-2d4a-4e6b-8c7d-9e0f1a2b3c4d"},
"spec":{"selector":{"matchLabels":{"app":"web-frontend-selector"}},"template":{"metadata":{"labels":{"app":"web-frontend-selector"}},
"spec":{"nodeSelector":{"disk":"ssd-nodes-in-zone-a"},"containers":[{"name":"web","image":"registry.example.com/team/web:1.2.3",
"args":["--listen=0.0.0.0:8080","--verbose-logging"],"resources":{"limits":{"cpu":"500m"}},
"env":[{"name":"MODE","value":"production-mode-value"}]}]}}}}`
	if err := json.Unmarshal([]byte(src), d); err != nil {
		t.Fatal(err)
	}
	want := d.DeepCopy()
	Metadata(d)
	size := packedSize(d)
	Pack(d)
	if !reflect.DeepEqual(d, want) {
		t.Fatalf("packing changed the object:\n got %+v\nwant %+v", d, want)
	}
	c := d.Spec.Template.Spec.Containers[0]
	strs := []string{string(d.UID), c.Image, c.Args[0], c.Env[0].Value, d.Spec.Template.Spec.NodeSelector["disk"],
		d.Spec.Selector.MatchLabels["app"]}
	checkPacked(t, size, strs...)
}

// packedSize is the number of bytes Pack would pack in obj.
func packedSize(obj any) int {
	var k packer
	k.walk(planFor(reflect.TypeOf(obj).Elem()), reflect.ValueOf(obj).UnsafePointer())
	return k.size
}

// checkPacked fails unless strs all lie within size bytes: in the one allocation of that size.
func checkPacked(t *testing.T, size int, strs ...string) {
	t.Helper()
	lo, hi := ^uintptr(0), uintptr(0)
	for _, s := range strs {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		lo, hi = min(lo, p), max(hi, p+uintptr(len(s)))
	}
	if size == 0 || hi-lo > uintptr(size) {
		t.Errorf("strings span %d bytes, more than the %d packed: not packed together", hi-lo, size)
	}
}

// schemaNode is recursive, as a JSON schema is.
type schemaNode struct {
	Description string
	Items       *schemaNode
	AllOf       []schemaNode
}

// A recursive type gets a plan, and packing it terminates, keeps values and reaches every level.
func TestPackRecursiveType(t *testing.T) {
	// Each is 17 to 33 bytes, none exactly a size class.
	desc := func(s string) string { return strings.Clone(s + " of the example groups") }
	n := &schemaNode{Description: desc("a widget"), Items: &schemaNode{Description: desc("an item"),
		AllOf: []schemaNode{{Description: desc("a part")}, {Items: &schemaNode{Description: desc("a deep part")}}}}}
	want := &schemaNode{Description: desc("a widget"), Items: &schemaNode{Description: desc("an item"),
		AllOf: []schemaNode{{Description: desc("a part")}, {Items: &schemaNode{Description: desc("a deep part")}}}}}
	size := packedSize(n)
	Pack(n)
	if !reflect.DeepEqual(n, want) {
		t.Fatalf("packing changed the object")
	}
	checkPacked(t, size, n.Description, n.Items.Description, n.Items.AllOf[0].Description, n.Items.AllOf[1].Items.Description)
}

// Objects that are not pointers to structs, and nil pointers, are left alone.
func TestPackOddInputs(t *testing.T) {
	Pack(nil)
	Pack((*corev1.ConfigMap)(nil))
	Pack(corev1.ConfigMap{})
	Pack(new(int))
	cm := &corev1.ConfigMap{}
	Pack(cm)
	if !reflect.DeepEqual(cm, &corev1.ConfigMap{}) {
		t.Fatalf("got %+v", cm)
	}
}

// sizeClasses matches the rounding of the runtime in use: appending n bytes to a nil slice gives the
// capacity of n's size class.
func TestSizeClasses(t *testing.T) {
	var got []int
	for n := 1; n <= 32768; {
		c := cap(append([]byte(nil), make([]byte, n)...))
		got = append(got, c)
		n = c + 1
	}
	if !slices.Equal(got, sizeClasses) {
		t.Fatalf("the runtime's size classes are\n%v\nnot\n%v", got, sizeClasses)
	}
}

func BenchmarkPack(b *testing.B) {
	src := configMap(b, 1)
	Metadata(src)
	objs := make([]*corev1.ConfigMap, b.N)
	for i := range objs {
		objs[i] = src.DeepCopy()
	}
	runtime.GC()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		Pack(objs[i])
	}
}
