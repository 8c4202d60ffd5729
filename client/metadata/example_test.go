package metadata_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/metadata"
	"github.com/kubegen/kubegen/client/rest"
)

// Read the metadata of Secrets. This stand-in server ignores the metadata Accept forms and sends
// whole objects as plain JSON, as a server without the conversion would: the client keeps their
// metadata.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		accept := r.Header.Get("Accept")
		switch {
		case strings.HasSuffix(r.URL.Path, "/secrets/token") && strings.Contains(accept, "as=PartialObjectMetadata;"):
			fmt.Fprint(w, `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"token","namespace":"default","labels":{"app":"web"}},"data":{"k":"c2VjcmV0"}}`)
		case strings.HasSuffix(r.URL.Path, "/secrets") && strings.Contains(accept, "as=PartialObjectMetadataList;"):
			fmt.Fprint(w, `{"apiVersion":"v1","kind":"SecretList","metadata":{"resourceVersion":"9"},"items":[
				{"metadata":{"name":"token","namespace":"default"},"data":{"k":"c2VjcmV0"}},
				{"metadata":{"name":"tls","namespace":"default"}}]}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"apiVersion":"v1","kind":"Status","status":"Failure","reason":"NotFound","code":404,"message":"not found"}`)
		}
	}))
	defer srv.Close()

	client, err := metadata.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		panic(err)
	}
	secrets := client.Resource(schema.GroupVersionResource{Version: "v1", Resource: "secrets"}).Namespace("default")
	one, err := secrets.Get(context.Background(), "token", metav1.GetOptions{})
	if err != nil {
		panic(err)
	}
	list, err := secrets.List(context.Background(), metav1.ListOptions{})
	if err != nil {
		panic(err)
	}
	_, err = secrets.Get(context.Background(), "missing", metav1.GetOptions{})
	fmt.Println(one.Name, one.Labels["app"])
	fmt.Println(len(list.Items), list.Items[1].Name, list.ResourceVersion)
	fmt.Println(err)
	// Output:
	// token web
	// 2 tls 9
	// not found
}
