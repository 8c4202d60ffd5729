package intern

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const podJSON = `{"metadata":{"name":"web-1","namespace":"shop","generateName":"web-",
"labels":{"app":"web","tier":"frontend"},
"annotations":{"owner":"team-a","long":"` + "%LONG%" + `"},
"finalizers":["example.com/cleanup"],
"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"8d5c"}],
"managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{}}}]},
"spec":{"containers":[{"name":"c","image":"nginx"}]}}`

// decode returns a freshly decoded pod, sharing no string with any other.
func decode(t *testing.T) *corev1.Pod {
	t.Helper()
	p := &corev1.Pod{}
	if err := json.Unmarshal([]byte(strings.Replace(podJSON, "%LONG%", strings.Repeat("x", maxValue+1), 1)), p); err != nil {
		t.Fatal(err)
	}
	return p
}

func same(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }

// mapKey returns m's own copy of key (the string stored in the map, not the argument).
func mapKey(m map[string]string, key string) string {
	for k := range m {
		if k == key {
			return k
		}
	}
	return ""
}

// Metadata never changes a value: the interned object equals a copy taken before.
func TestMetadataKeepsValues(t *testing.T) {
	p := decode(t)
	want := p.DeepCopy()
	Metadata(p)
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("interning changed the object:\n got %+v\nwant %+v", p.ObjectMeta, want.ObjectMeta)
	}
}

// Two objects decoded apart share the bytes of every interned string afterwards.
func TestMetadataSharesRepeatedStrings(t *testing.T) {
	a, b := decode(t), decode(t)
	if same(a.Namespace, b.Namespace) {
		t.Fatal("decoded objects already share strings; the test proves nothing")
	}
	Metadata(a)
	Metadata(b)
	checks := []struct {
		what string
		a, b string
	}{
		{"namespace", a.Namespace, b.Namespace},
		{"generateName", a.GenerateName, b.GenerateName},
		{"label key", mapKey(a.Labels, "tier"), mapKey(b.Labels, "tier")},
		{"label value", a.Labels["tier"], b.Labels["tier"]},
		{"annotation key", mapKey(a.Annotations, "owner"), mapKey(b.Annotations, "owner")},
		{"short annotation value", a.Annotations["owner"], b.Annotations["owner"]},
		{"finalizer", a.Finalizers[0], b.Finalizers[0]},
		{"owner kind", a.OwnerReferences[0].Kind, b.OwnerReferences[0].Kind},
		{"owner uid", string(a.OwnerReferences[0].UID), string(b.OwnerReferences[0].UID)},
		{"manager", a.ManagedFields[0].Manager, b.ManagedFields[0].Manager},
	}
	for _, c := range checks {
		if !same(c.a, c.b) {
			t.Errorf("%s %q not shared", c.what, c.a)
		}
	}
	if same(a.Annotations["long"], b.Annotations["long"]) {
		t.Error("an annotation value longer than maxValue was interned")
	}
	if same(a.Name, b.Name) {
		t.Error("the name, unique to each object, was interned")
	}
}

func TestMetadataOfEmptyObject(t *testing.T) {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "x"}}
	Metadata(p)
	if !reflect.DeepEqual(p, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "x"}}) {
		t.Fatalf("got %+v", p)
	}
}

func BenchmarkMetadata(b *testing.B) {
	p := &corev1.Pod{}
	if err := json.Unmarshal([]byte(strings.Replace(podJSON, "%LONG%", "x", 1)), p); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Metadata(p)
	}
}
