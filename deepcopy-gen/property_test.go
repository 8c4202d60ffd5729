package deepcopygen_test

import (
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	corev1 "k8s.io/api/core/v1"

	"github.com/kubegen/kubegen/deepcopy-gen/internal/deepcheck"
	"github.com/kubegen/kubegen/deepcopy-gen/testdata/optin"
	"github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes"
	"github.com/kubegen/kubegen/deepcopy-gen/testdata/shapes/other"
)

// fixtureFiller fills the fixture types, with values for the opaque and interface types they use.
func fixtureFiller(seed int64) *deepcheck.Filler {
	return &deepcheck.Filler{
		Rand:     rand.New(rand.NewSource(seed)),
		MaxDepth: 4,
		Custom: map[reflect.Type]func(*rand.Rand) reflect.Value{
			reflect.TypeFor[resource.Quantity](): func(r *rand.Rand) reflect.Value {
				return reflect.ValueOf(resource.MustParse(fmt.Sprintf("%dMi", r.Intn(5000))))
			},
			reflect.TypeFor[metav1.Time](): func(r *rand.Rand) reflect.Value {
				return reflect.ValueOf(metav1.NewTime(time.Unix(r.Int63n(1<<32), 0).UTC()))
			},
			reflect.TypeFor[runtime.Object](): func(r *rand.Rand) reflect.Value {
				obj := runtime.Object(&metav1.Status{Message: fmt.Sprint(r.Intn(100)), Details: &metav1.StatusDetails{Name: "d"}})
				return reflect.ValueOf(&obj).Elem()
			},
			reflect.TypeFor[shapes.NamedObject](): func(r *rand.Rand) reflect.Value {
				obj := shapes.NamedObject(&shapes.Widget{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprint(r.Intn(100)), Labels: map[string]string{"a": "b"}}})
				return reflect.ValueOf(&obj).Elem()
			},
			reflect.TypeFor[shapes.Shape](): func(r *rand.Rand) reflect.Value {
				label := fmt.Sprint(r.Intn(9))
				choices := []shapes.Shape{
					&shapes.Square{Side: r.Intn(9), Label: &label},
					shapes.Circle{Radius: r.Intn(9), Tags: []string{label}},
					shapes.Polygon{{Side: 1, Label: &label}},
				}
				return reflect.ValueOf(&choices[r.Intn(len(choices))]).Elem()
			},
		},
	}
}

// TestPropertyFixtures fills every fixture type with random content many times, deep-copies it
// with the generated code and checks equality and that no memory is shared (deepcheck).
func TestPropertyFixtures(t *testing.T) {
	types := []func() any{
		func() any { return new(shapes.Everything) },
		func() any { return new(shapes.Widget) },
		func() any { return new(shapes.WidgetList) },
		func() any { return new(shapes.Status) },
		func() any { return new(shapes.Base) },
		func() any { return new(shapes.Extra) },
		func() any { return new(shapes.Item) },
		func() any { return new(shapes.Node) },
		func() any { return new(shapes.Square) },
		func() any { return new(shapes.Circle) },
		func() any { return new(shapes.Token) },
		func() any { return new(shapes.Opaque) },
		func() any { return new(shapes.Grid) },
		func() any { return new(shapes.Plain) },
		func() any { return new(shapes.Items) },
		func() any { return new(shapes.Labels) },
		func() any { return new(shapes.Matrix) },
		func() any { return new(shapes.ByName) },
		func() any { return new(shapes.Polygon) },
		func() any { return new(shapes.Quota) },
		func() any { return new(other.Ref) },
		func() any { return new(other.Flat) },
		func() any { return new(optin.Chosen) },
		func() any { return new(optin.ChosenMap) },
	}
	for _, newValue := range types {
		name := reflect.TypeOf(newValue()).Elem().String()
		t.Run(name, func(t *testing.T) {
			for seed := int64(0); seed < 200; seed++ {
				if err := deepcheck.CheckDeepCopy(fixtureFiller(seed), newValue()); err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
			}
		})
	}
}

// TestPropertyInterfaceMethods checks the generated DeepCopy<Interface> methods of every shape
// of receiver: pointer (Square), value (Circle, nonpointer-interfaces) and named slice (Polygon).
func TestPropertyInterfaceMethods(t *testing.T) {
	label := "l"
	for _, s := range []shapes.Shape{
		&shapes.Square{Side: 2, Label: &label},
		shapes.Circle{Radius: 3, Tags: []string{"a"}},
		shapes.Polygon{{Side: 1, Label: &label}},
	} {
		c := s.DeepCopyShape()
		if !reflect.DeepEqual(s, c) {
			t.Errorf("%T: DeepCopyShape = %#v, want %#v", s, c, s)
		}
		if shared := deepcheck.Shared(reflect.ValueOf(s), reflect.ValueOf(c)); len(shared) > 0 {
			t.Errorf("%T: DeepCopyShape shares %v", s, shared)
		}
	}
}

// TestNilNamedMapOrSliceFieldStaysNil (issue 10 item 8): a field whose type is a named map or slice
// with its own DeepCopyInto — code-generator's corev1.ResourceList, which makes an empty map of a
// nil one, and hand-written ones like it — stays nil in the copy, wherever the field sits (direct,
// behind a pointer, in a map, slice, array or anonymous struct); a non-nil empty one stays empty.
func TestNilNamedMapOrSliceFieldStaysNil(t *testing.T) {
	var zero shapes.Quota
	used := corev1.ResourceList(nil)
	withNils := shapes.Quota{
		Used:     &used,
		PerScope: map[string]other.Amounts{"a": nil},
		History:  []other.Steps{nil},
	}
	empty := shapes.Quota{Hard: corev1.ResourceList{}, Amounts: other.Amounts{}, Steps: other.Steps{}}
	for name, in := range map[string]*shapes.Quota{"zero": &zero, "nil inside": &withNils, "empty": &empty} {
		t.Run(name, func(t *testing.T) {
			if got := in.DeepCopy(); !reflect.DeepEqual(got, in) {
				t.Errorf("DeepCopy:\n got %#v\nwant %#v", got, in)
			}
			var into shapes.Quota
			in.DeepCopyInto(&into)
			if !reflect.DeepEqual(&into, in) {
				t.Errorf("DeepCopyInto:\n got %#v\nwant %#v", &into, in)
			}
		})
	}
}
