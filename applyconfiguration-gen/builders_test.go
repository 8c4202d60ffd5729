package applyconfigurationgen

import (
	"encoding/json"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	apishapesv1 "github.com/kubegen/kubegen/applyconfiguration-gen/testdata/apis/shapes/v1"
	shapesv1 "github.com/kubegen/kubegen/applyconfiguration-gen/testdata/golden/shapes/v1"
	metav1ac "github.com/kubegen/kubegen/client/applyconfigurations/meta/v1"
	corev1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/core/v1"
)

func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBuildersEncodeOnlyWhatIsSet drives the golden apply configurations of the shapes fixture: the
// constructor sets apiVersion, kind, name and namespace; every builder sets its field; and the JSON
// holds exactly the fields set, zero values included (size 0), nothing else.
func TestBuildersEncodeOnlyWhatIsSet(t *testing.T) {
	tests := []struct {
		name string
		ac   any
		want string
	}{
		{"constructor", shapesv1.Gadget("g", "ns"),
			`{"kind":"Gadget","apiVersion":"shapes.kubegen.io/v1","metadata":{"name":"g","namespace":"ns"}}`},
		{"cluster-scoped constructor", shapesv1.Frame("f"),
			`{"kind":"Frame","apiVersion":"shapes.kubegen.io/v1","metadata":{"name":"f"}}`},
		{"type with TypeMeta", shapesv1.Resize().WithSize(3),
			`{"kind":"Resize","apiVersion":"shapes.kubegen.io/v1","size":3}`},
		{"explicit zero", shapesv1.GadgetSpec().WithSize(0), `{"size":0}`},
		{"slices append", shapesv1.GadgetSpec().
			WithParts(shapesv1.Part().WithName("a")).WithParts(shapesv1.Part().WithName("b").WithCount(2)).
			WithTags("x").WithTags("y", "z").WithOptional("o").WithOptional("p").WithRaw('h', 'i'),
			`{"parts":[{"name":"a"},{"name":"b","count":2}],"tags":["x","y","z"],"optional":["o","p"],"raw":"aGk="}`},
		{"maps merge", shapesv1.GadgetSpec().
			WithLabels(map[string]string{"a": "1", "b": "1"}).WithLabels(map[string]string{"b": "2"}).
			WithPartsByName(map[string]shapesv1.PartApplyConfiguration{"p": *shapesv1.Part().WithName("p")}),
			`{"labels":{"a":"1","b":"2"},"partsByName":{"p":{"name":"p"}}}`},
		{"nested and external", shapesv1.GadgetSpec().
			WithPrimary(shapesv1.Part().WithName("main")).
			WithSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{"app": "x"})).
			WithTemplate(corev1ac.PodTemplateSpec().WithSpec(corev1ac.PodSpec().WithContainers(corev1ac.Container().WithName("c")))).
			WithLimits(corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}),
			`{"primary":{"name":"main"},"limits":{"cpu":"1"},"template":{"spec":{"containers":[{"name":"c"}]}},"selector":{"matchLabels":{"app":"x"}}}`},
		{"promoted from inlined structs", shapesv1.GadgetSpec().WithColor("red").WithDepth(2).WithSize(1),
			`{"size":1,"color":"red","depth":2}`},
		{"promoted object meta", shapesv1.Gadget("g", "ns").WithLabels(map[string]string{"a": "b"}).WithFinalizers("f").
			WithOwnerReferences(metav1ac.OwnerReference().WithName("o")),
			`{"kind":"Gadget","apiVersion":"shapes.kubegen.io/v1","metadata":{"name":"g","namespace":"ns","labels":{"a":"b"},"ownerReferences":[{"name":"o"}],"finalizers":["f"]}}`},
		{"status", shapesv1.Gadget("g", "ns").WithStatus(shapesv1.GadgetStatus().
			WithConditions(metav1ac.Condition().WithType("Ready").WithStatus("True"))),
			`{"kind":"Gadget","apiVersion":"shapes.kubegen.io/v1","metadata":{"name":"g","namespace":"ns"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := encode(t, tc.ac); got != tc.want {
				t.Errorf("JSON:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestBuilderNilElementPanics: appending a nil apply configuration is a bug in the caller, reported
// with the builder's name.
func TestBuilderNilElementPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "WithParts") {
			t.Errorf("recovered %v, want a panic naming WithParts", r)
		}
	}()
	shapesv1.GadgetSpec().WithParts(nil)
}

// TestGetters reads name, namespace, kind and apiVersion back, on empty and nil configurations too,
// without allocating the embedded ObjectMeta.
func TestGetters(t *testing.T) {
	g := shapesv1.Gadget("g", "ns")
	if *g.GetName() != "g" || *g.GetNamespace() != "ns" || *g.GetKind() != "Gadget" || *g.GetAPIVersion() != "shapes.kubegen.io/v1" {
		t.Errorf("getters = %v %v %v %v", *g.GetName(), *g.GetNamespace(), *g.GetKind(), *g.GetAPIVersion())
	}
	empty := &shapesv1.GadgetApplyConfiguration{}
	if empty.GetName() != nil || empty.GetNamespace() != nil || empty.GetKind() != nil || empty.ObjectMetaApplyConfiguration != nil {
		t.Errorf("empty configuration: name %v, namespace %v, kind %v, metadata %v", empty.GetName(), empty.GetNamespace(), empty.GetKind(), empty.ObjectMetaApplyConfiguration)
	}
	var none *shapesv1.GadgetApplyConfiguration
	if none.GetName() != nil || none.GetAPIVersion() != nil {
		t.Error("a nil configuration has a name or apiVersion")
	}
	if got := encode(t, empty); got != `{}` {
		t.Errorf("empty configuration encodes as %s, want {}", got)
	}
}

// TestExtract runs the golden ExtractGadget functions on a Gadget two managers applied parts of:
// each gets exactly its fields (parts merged by name, so each owns its own part), with apiVersion,
// kind, name and namespace; the status and resize variants read the entries of their subresource.
func TestExtract(t *testing.T) {
	entry := func(manager, subresource, fields string) metav1.ManagedFieldsEntry {
		return metav1.ManagedFieldsEntry{Manager: manager, Operation: metav1.ManagedFieldsOperationApply, APIVersion: "shapes.kubegen.io/v1",
			FieldsType: "FieldsV1", FieldsV1: &metav1.FieldsV1{Raw: []byte(fields)}, Subresource: subresource}
	}
	obj := &apishapesv1.Gadget{
		ObjectMeta: metav1.ObjectMeta{Name: "g", Namespace: "ns", Labels: map[string]string{"app": "g"}, ManagedFields: []metav1.ManagedFieldsEntry{
			entry("owner", "", `{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:size":{},"f:parts":{"k:{\"name\":\"a\"}":{".":{},"f:name":{},"f:count":{}}}}}`),
			entry("other", "", `{"f:spec":{"f:parts":{"k:{\"name\":\"b\"}":{".":{},"f:name":{}}}}}`),
			entry("controller", "status", `{"f:status":{"f:conditions":{}}}`),
			entry("resizer", "resize", `{"f:spec":{"f:size":{}}}`),
		}},
		Spec: apishapesv1.GadgetSpec{Size: 2, Tags: []string{"unowned"},
			Parts: []apishapesv1.Part{{Name: "a", Count: ptr(int64(1))}, {Name: "b"}}},
		Status: apishapesv1.GadgetStatus{Conditions: []metav1.Condition{{Type: "Ready", Status: "True"}}},
	}
	gadget := func() *shapesv1.GadgetApplyConfiguration { return shapesv1.Gadget("g", "ns") }
	for _, tc := range []struct {
		name    string
		extract func() (*shapesv1.GadgetApplyConfiguration, error)
		want    *shapesv1.GadgetApplyConfiguration
	}{
		{"owner", func() (*shapesv1.GadgetApplyConfiguration, error) { return shapesv1.ExtractGadget(obj, "owner") },
			gadget().WithLabels(map[string]string{"app": "g"}).WithSpec(shapesv1.GadgetSpec().WithSize(2).
				WithParts(shapesv1.Part().WithName("a").WithCount(1)))},
		{"other", func() (*shapesv1.GadgetApplyConfiguration, error) { return shapesv1.ExtractGadget(obj, "other") },
			gadget().WithSpec(shapesv1.GadgetSpec().WithParts(shapesv1.Part().WithName("b")))},
		{"controller's object entries", func() (*shapesv1.GadgetApplyConfiguration, error) { return shapesv1.ExtractGadget(obj, "controller") },
			gadget()},
		{"controller's status", func() (*shapesv1.GadgetApplyConfiguration, error) {
			return shapesv1.ExtractGadgetStatus(obj, "controller")
		}, gadget().WithStatus(shapesv1.GadgetStatus().WithConditions(metav1ac.Condition().WithType("Ready").WithStatus("True").
			WithReason("").WithMessage("")))},
		{"resizer", func() (*shapesv1.GadgetApplyConfiguration, error) {
			return shapesv1.ExtractGadgetResize(obj, "resizer")
		},
			gadget().WithSpec(shapesv1.GadgetSpec().WithSize(2))},
	} {
		got, err := tc.extract()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if g, w := encode(t, got), encode(t, tc.want); g != w {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, g, w)
		}
	}
	if _, err := shapesv1.ExtractGadget(nil, "owner"); err == nil {
		t.Error("ExtractGadget(nil) gave no error")
	}
}

func ptr[T any](v T) *T { return &v }
