package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
)

// coreV1Client returns a client for the core/v1 API of the server at host.
func coreV1Client(host string) *rest.RESTClient {
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	c, err := rest.RESTClientFor(&rest.Config{
		Host:    host,
		APIPath: "/api",
		ContentConfig: rest.ContentConfig{
			GroupVersion:         &corev1.SchemeGroupVersion,
			NegotiatedSerializer: serializer.NewCodecFactory(scheme).WithoutConversion(),
			ContentType:          rest.ContentTypeProtobuf,
		},
	})
	if err != nil {
		panic(err)
	}
	return c
}

// Building a request is pure: it can be inspected without sending anything.
func ExampleRequest_URL() {
	c := coreV1Client("https://k8s.example.com:6443")
	req := c.Get().Namespace("default").Resource("pods").
		VersionedParams(&metav1.ListOptions{LabelSelector: "app=web", Limit: 10}, rest.ParameterCodec)
	fmt.Println(req.URL())

	httpReq, _ := c.Get().Namespace("default").Resource("pods").Name("web-0").HTTPRequest(context.Background())
	fmt.Println(httpReq.Method, httpReq.URL.Path)
	fmt.Println("Accept:", httpReq.Header.Get("Accept"))
	// Output:
	// https://k8s.example.com:6443/api/v1/namespaces/default/pods?labelSelector=app%3Dweb&limit=10
	// GET /api/v1/namespaces/default/pods/web-0
	// Accept: application/vnd.kubernetes.protobuf, application/json
}

// Server errors are *apierrors.StatusError values, even when the body is not a Status.
func ExampleResult_Into() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<html>no such page</html>")
	}))
	defer srv.Close()

	var cm corev1.ConfigMap
	err := coreV1Client(srv.URL).Get().Namespace("default").Resource("configmaps").Name("settings").
		Do(context.Background()).Into(&cm)
	fmt.Println(apierrors.IsNotFound(err))
	fmt.Println(err)
	// Output:
	// true
	// the server could not find the requested resource (get configmaps settings)
}

// Watch decodes the server's event stream into apimachinery's watch.Interface.
func ExampleRequest_Watch() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintln(w, `{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","resourceVersion":"7"}}}`)
		fmt.Fprintln(w, `{"type":"DELETED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","resourceVersion":"8"}}}`)
	}))
	defer srv.Close()

	w, err := coreV1Client(srv.URL).Get().Namespace("default").Resource("configmaps").
		VersionedParams(&metav1.ListOptions{Watch: true, ResourceVersion: "6"}, rest.ParameterCodec).
		Watch(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer w.Stop()
	for ev := range w.ResultChan() {
		cm := ev.Object.(*corev1.ConfigMap)
		fmt.Println(ev.Type, cm.Name, cm.ResourceVersion)
	}
	// Output:
	// ADDED settings 7
	// DELETED settings 8
}
