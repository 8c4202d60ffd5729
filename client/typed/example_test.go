package typed_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

// A typed client for ConfigMaps over a REST client. A stand-in server answers here; against a real
// cluster the rest.Config comes from package kubeconfig.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings","namespace":"default",`+
			`"resourceVersion":"42"},"data":{"mode":"fast"}}`)
		fmt.Println(r.Method, r.URL.Path)
	}))
	defer srv.Close()

	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	restClient, err := rest.RESTClientFor(&rest.Config{
		Host:    srv.URL,
		APIPath: "/api",
		ContentConfig: rest.ContentConfig{
			GroupVersion:         &corev1.SchemeGroupVersion,
			NegotiatedSerializer: serializer.NewCodecFactory(scheme).WithoutConversion(),
		},
	})
	if err != nil {
		panic(err)
	}
	configMaps := typed.NewClient("configmaps", restClient, nil, "default",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} },
		func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })

	cm, err := configMaps.Get(context.Background(), "settings", metav1.GetOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(cm.Name, cm.ResourceVersion, cm.Data["mode"])
	// Output:
	// GET /api/v1/namespaces/default/configmaps/settings
	// settings 42 fast
}
