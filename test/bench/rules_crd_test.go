//go:build e2e

package bench

import (
	"context"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
	cgdynamicfake "k8s.io/client-go/dynamic/fake"
	"sigs.k8s.io/yaml"

	"github.com/kubegen/kubegen/client/dynamic"
	clientfake "github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/typed/typedtest"
)

var gadgetGVR = schema.GroupVersionResource{Group: "rules.kubegen.io", Version: "v1", Resource: typedtest.GadgetResource}

type (
	u  = unstructured.Unstructured
	ul = unstructured.UnstructuredList
)

// dynamicResource is a namespaced dynamic client, kubegen's or client-go's: their methods take
// subresources as trailing arguments.
type dynamicResource interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions, subresources ...string) (*u, error)
	List(ctx context.Context, opts metav1.ListOptions) (*ul, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Create(ctx context.Context, obj *u, opts metav1.CreateOptions, subresources ...string) (*u, error)
	Update(ctx context.Context, obj *u, opts metav1.UpdateOptions, subresources ...string) (*u, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions, subresources ...string) error
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*u, error)
}

// dynamicRW gives a dynamic client the methods of typedtest.RW.
type dynamicRW struct{ r dynamicResource }

func (d dynamicRW) Get(ctx context.Context, name string, opts metav1.GetOptions) (*u, error) {
	return d.r.Get(ctx, name, opts)
}
func (d dynamicRW) List(ctx context.Context, opts metav1.ListOptions) (*ul, error) {
	return d.r.List(ctx, opts)
}
func (d dynamicRW) Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error) {
	return d.r.Watch(ctx, opts)
}
func (d dynamicRW) Create(ctx context.Context, obj *u, opts metav1.CreateOptions) (*u, error) {
	return d.r.Create(ctx, obj, opts)
}
func (d dynamicRW) Update(ctx context.Context, obj *u, opts metav1.UpdateOptions) (*u, error) {
	return d.r.Update(ctx, obj, opts)
}
func (d dynamicRW) Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error {
	return d.r.Delete(ctx, name, opts)
}
func (d dynamicRW) Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*u, error) {
	return d.r.Patch(ctx, name, pt, data, opts, subresources...)
}

// gadgetClients returns the clients of typedtest.RulesCRD's custom resources: on the test cluster
// (where it creates the CRD), on kubegen's fake tracker (where it registers it) and on client-go's
// dynamic fake, the fake client-go offers for custom resources (a new one per call of newCGFake).
func gadgetClients(t *testing.T, kg *clientfake.Tracker) (real, kgFake func(ns string) typedtest.RW[*u, *ul], newCGFake func() func(ns string) typedtest.RW[*u, *ul]) {
	t.Helper()
	ctx := context.Background()
	dyn, err := dynamic.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	crd := &u{}
	if err := yaml.Unmarshal([]byte(typedtest.RulesCRD), &crd.Object); err != nil {
		t.Fatal(err)
	}
	crds := dyn.Resource(schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"})
	if _, err := crds.Create(ctx, crd, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatalf("create CRD: %v", err)
	}
	deadline := time.Now().Add(time.Minute) // a bound on waiting, not a timed assertion
	for {
		_, err := dyn.Resource(gadgetGVR).List(ctx, metav1.ListOptions{})
		if err == nil {
			break
		}
		if !apierrors.IsNotFound(err) || time.Now().After(deadline) {
			t.Fatalf("CRD not served: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := kg.RegisterCRD([]byte(typedtest.RulesCRD)); err != nil {
		t.Fatal(err)
	}
	real = func(ns string) typedtest.RW[*u, *ul] { return dynamicRW{dyn.Resource(gadgetGVR).Namespace(ns)} }
	kgFake = func(ns string) typedtest.RW[*u, *ul] {
		return clientfake.NewClient(kg, gadgetGVR, gadgetGVR.GroupVersion().WithKind("Gadget"), ns,
			func() *u { return &u{} }, func() *ul { return &ul{} })
	}
	newCGFake = func() func(ns string) typedtest.RW[*u, *ul] {
		cg := cgdynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(), map[schema.GroupVersionResource]string{gadgetGVR: "GadgetList"})
		return func(ns string) typedtest.RW[*u, *ul] { return dynamicRW{cg.Resource(gadgetGVR).Namespace(ns)} }
	}
	return real, kgFake, newCGFake
}
