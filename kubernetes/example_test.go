package kubernetes_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes"
)

// List pods with the blessed clientset. A stand-in server answers here; against a cluster the
// rest.Config comes from package kubeconfig.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"kind":"PodList","apiVersion":"v1","items":[{"metadata":{"name":"web-0"}},{"metadata":{"name":"web-1"}}]}`)
	}))
	defer srv.Close()

	cs, err := kubernetes.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		panic(err)
	}
	pods, err := cs.CoreV1().Pods("default").List(context.Background(), metav1.ListOptions{})
	if err != nil {
		panic(err)
	}
	for _, p := range pods.Items {
		fmt.Println(p.Name)
	}
	// Output:
	// GET /api/v1/namespaces/default/pods
	// web-0
	// web-1
}
