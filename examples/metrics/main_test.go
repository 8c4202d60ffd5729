package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/metrics"
	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/kubernetes"
)

// Register the adapter, make a few requests and scrape /metrics. The stand-in server answers a list
// of namespaces and 404 for anything else (examples/metrics' e2e twin is client/metrics/e2e, against
// kube-apiserver).
func Example() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v1/namespaces" {
			fmt.Fprint(w, `{"kind":"NamespaceList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"default"}}]}`)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`)
	}))
	defer api.Close()

	reg := newRegistry()
	metrics.Register(reg.opts())

	cs, err := kubernetes.NewForConfig(&rest.Config{Host: api.URL})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for range 3 {
		if _, err := cs.CoreV1().Namespaces().List(ctx, metav1.ListOptions{}); err != nil {
			panic(err)
		}
	}
	_, err = cs.CoreV1().Namespaces().Get(ctx, "team-a", metav1.GetOptions{})
	fmt.Println("team-a not found:", apierrors.IsNotFound(err))

	scrape := httptest.NewRecorder()
	reg.ServeHTTP(scrape, httptest.NewRequest("GET", "/metrics", nil))
	host := strings.TrimPrefix(api.URL, "http://")
	lines := bufio.NewScanner(scrape.Body)
	for lines.Scan() {
		// Counters and the number of observations of each histogram; durations vary from run to run.
		if l := lines.Text(); strings.Contains(l, "_total{") || strings.Contains(l, "_count{") {
			fmt.Println(strings.ReplaceAll(l, host, "HOST"))
		}
	}
	// Output:
	// team-a not found: true
	// rest_client_rate_limiter_duration_seconds_count{verb="GET",host="HOST",url="/api/v1/namespaces"} 3
	// rest_client_rate_limiter_duration_seconds_count{verb="GET",host="HOST",url="/api/v1/namespaces/{name}"} 1
	// rest_client_request_duration_seconds_count{verb="GET",host="HOST",url="/api/v1/namespaces"} 3
	// rest_client_request_duration_seconds_count{verb="GET",host="HOST",url="/api/v1/namespaces/{name}"} 1
	// rest_client_request_size_bytes_count{verb="GET",host="HOST"} 4
	// rest_client_requests_total{code="200",method="GET",host="HOST"} 3
	// rest_client_requests_total{code="404",method="GET",host="HOST"} 1
	// rest_client_response_size_bytes_count{verb="GET",host="HOST"} 4
}
