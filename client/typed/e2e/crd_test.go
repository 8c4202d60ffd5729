//go:build e2e

package e2e_test

import (
	"context"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	"github.com/kubegen/kubegen/client/typed/typedtest"
)

const crdGroup = "stable.example.com"

var crdVersion = schema.GroupVersion{Group: crdGroup, Version: "v1"}

// unstructuredJSON is a serializer for objects the scheme does not know.
var unstructuredJSON = runtime.NewSimpleNegotiatedSerializer(runtime.SerializerInfo{
	MediaType: rest.ContentTypeJSON, MediaTypeType: "application", MediaTypeSubType: "json", EncodesAsText: true,
	Serializer: unstructured.UnstructuredJSONScheme,
})

type unstructuredClient = typed.Client[*unstructured.Unstructured, *unstructured.UnstructuredList]

func dynamicClient(t *testing.T, gv schema.GroupVersion, resource, ns string) *unstructuredClient {
	t.Helper()
	cfg := testCluster.AdminConfig()
	cfg.APIPath = "/apis"
	cfg.GroupVersion = &gv
	cfg.NegotiatedSerializer = unstructuredJSON
	rc, err := rest.RESTClientFor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return typed.NewClient(resource, rc, nil, ns,
		func() *unstructured.Unstructured { return &unstructured.Unstructured{} },
		func() *unstructured.UnstructuredList { return &unstructured.UnstructuredList{} })
}

// installCRD creates a CRD for kind (plural = lower-case kind + "s") that accepts any fields, with or
// without the status subresource, and waits until the apiserver serves it.
func installCRD(t *testing.T, kind, plural string, withStatus bool) {
	t.Helper()
	ctx := context.Background()
	version := map[string]any{
		"name": "v1", "served": true, "storage": true,
		"schema": map[string]any{"openAPIV3Schema": map[string]any{"type": "object", "x-kubernetes-preserve-unknown-fields": true}},
	}
	if withStatus {
		version["subresources"] = map[string]any{"status": map[string]any{}}
	}
	crd := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": map[string]any{"name": plural + "." + crdGroup},
		"spec": map[string]any{
			"group": crdGroup, "scope": "Namespaced", "versions": []any{version},
			"names": map[string]any{"kind": kind, "plural": plural, "singular": "", "listKind": kind + "List"},
		},
	}}
	crds := dynamicClient(t, schema.GroupVersion{Group: "apiextensions.k8s.io", Version: "v1"}, "customresourcedefinitions", "")
	if _, err := crds.Create(ctx, crd, metav1.CreateOptions{}); err != nil {
		t.Fatalf("create CRD %s: %v", plural, err)
	}
	waitServed(t, crdVersion, plural)
}

// waitServed waits until the apiserver serves the custom resource plural of gv.
func waitServed(t *testing.T, gv schema.GroupVersion, plural string) {
	t.Helper()
	served := dynamicClient(t, gv, plural, "")
	deadline := time.Now().Add(time.Minute) // a bound on waiting, not a timed assertion
	for {
		_, err := served.List(context.Background(), metav1.ListOptions{})
		if err == nil {
			return
		}
		if !apierrors.IsNotFound(err) || time.Now().After(deadline) {
			t.Fatalf("CRD %s.%s not served: %v", plural, gv.Group, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The custom resource scenario gives the same transcript on the real apiserver and on the fake, for a
// CRD with and one without the status subresource.
func TestCustomResourcesScenarioMatchesFake(t *testing.T) {
	for _, tt := range []struct {
		kind, plural string
		withStatus   bool
	}{{"CronTab", "crontabs", true}, {"Widget", "widgets", false}} {
		t.Run(tt.kind, func(t *testing.T) {
			installCRD(t, tt.kind, tt.plural, tt.withStatus)
			cr := typedtest.CustomResource{APIVersion: crdVersion.String(), Kind: tt.kind, HasStatus: tt.withStatus}
			want, err := typedtest.CustomResources(context.Background(), fakeCustomResources(t, tt.kind, tt.plural, tt.withStatus), cr)
			if err != nil {
				t.Fatalf("fake: %v\ntranscript so far:\n%v", err, want)
			}
			got, err := typedtest.CustomResources(context.Background(), dynamicClient(t, crdVersion, tt.plural, namespace(t)), cr)
			if err != nil {
				t.Fatalf("real apiserver: %v\ntranscript so far:\n%v", err, got)
			}
			if diff := typedtest.Diff(got, want); diff != "" {
				t.Errorf("real apiserver (-) and fake (+) differ:\n%s", diff)
			}
		})
	}
}

func fakeCustomResources(t *testing.T, kind, plural string, withStatus bool) *fake.Client[*unstructured.Unstructured, *unstructured.UnstructuredList] {
	opts := []fake.Option{fake.AsCustomResource()}
	if withStatus {
		opts = append(opts, fake.WithStatusSubresource())
	}
	return fake.NewClient(newTracker(t), crdVersion.WithResource(plural), crdVersion.WithKind(kind), "scenario",
		func() *unstructured.Unstructured { return &unstructured.Unstructured{} },
		func() *unstructured.UnstructuredList { return &unstructured.UnstructuredList{} }, opts...)
}
