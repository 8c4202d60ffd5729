package applyconfigurationgen

import (
	"encoding/json"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

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
