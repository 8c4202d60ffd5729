package dynamic_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/dynamic"
	"github.com/kubegen/kubegen/client/rest"
)

// Read a custom resource without compiled-in types.
func Example() {
	// A stand-in for a cluster serving the CronTab CRD.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"nightly","namespace":"default"},"spec":{"cronSpec":"0 3 * * *"}}`)
	}))
	defer srv.Close()

	client, err := dynamic.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		panic(err)
	}
	gvr := schema.GroupVersionResource{Group: "stable.example.com", Version: "v1", Resource: "crontabs"}
	obj, err := client.Resource(gvr).Namespace("default").Get(context.Background(), "nightly", metav1.GetOptions{})
	if err != nil {
		panic(err)
	}
	spec, _, _ := unstructured.NestedString(obj.Object, "spec", "cronSpec")
	fmt.Println(obj.GetKind(), obj.GetName(), spec)
	// Output: CronTab nightly 0 3 * * *
}
