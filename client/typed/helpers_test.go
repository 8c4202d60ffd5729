package typed_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

var (
	scheme = func() *runtime.Scheme {
		s := runtime.NewScheme()
		for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme} {
			if err := add(s); err != nil {
				panic(err)
			}
		}
		return s
	}()
	codecs = serializer.NewCodecFactory(scheme)
)

// request is what the test server saw of one request.
type request struct {
	Method, Path, Query, ContentType string
	Body                             []byte
}

// server answers every request with a canned reply chosen by its shape, and records it.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
	status   int    // when non-zero, answer with this code and body
	body     string // used with status
}

const (
	objectReply = `{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x","namespace":"ns","resourceVersion":"7"}}`
	listReply   = `{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}`
	statusReply = `{"kind":"Status","apiVersion":"v1","status":"Success"}`
	watchReply  = `{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"w","resourceVersion":"10"}}}` + "\n"
	scaleReply  = `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"x"},"spec":{"replicas":3}}`
	deployReply = `{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","namespace":"ns","resourceVersion":"7"}}`
)

func newServer(t testing.TB) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, request{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), body})
	status, reply := s.status, s.body
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if status != 0 {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, reply)
		return
	}
	segments := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	switch {
	case r.URL.Query().Get("watch") == "true":
		_, _ = io.WriteString(w, watchReply)
	case r.Method == http.MethodDelete:
		_, _ = io.WriteString(w, statusReply)
	case segments[len(segments)-1] == "scale":
		_, _ = io.WriteString(w, scaleReply)
	case segments[len(segments)-1] == "eviction":
		_, _ = io.WriteString(w, statusReply)
	case slices.Contains(segments, "deployments"):
		_, _ = io.WriteString(w, deployReply)
	case r.Method == http.MethodGet && (segments[len(segments)-1] == "configmaps" || segments[len(segments)-1] == "nodes"):
		_, _ = io.WriteString(w, listReply)
	default:
		_, _ = io.WriteString(w, objectReply)
	}
}

func (s *server) last(t testing.TB) request {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.requests) == 0 {
		t.Fatal("no request was sent")
	}
	return s.requests[len(s.requests)-1]
}

func (s *server) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func restClient(t testing.TB, host string, gv schema.GroupVersion) *rest.RESTClient {
	t.Helper()
	apiPath := "/apis"
	if gv.Group == "" {
		apiPath = "/api"
	}
	c, err := rest.RESTClientFor(&rest.Config{
		Host: host, APIPath: apiPath, QPS: -1, WarningHandler: rest.NoWarnings{},
		ContentConfig: rest.ContentConfig{GroupVersion: &gv, NegotiatedSerializer: codecs.WithoutConversion()},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type configMapClient = typed.Client[*corev1.ConfigMap, *corev1.ConfigMapList]

func configMaps(t testing.TB, s *server, namespace string) *configMapClient {
	return typed.NewClient("configmaps", restClient(t, s.URL, corev1.SchemeGroupVersion), nil, namespace,
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

func decodeJSONMap(t testing.TB, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("body %q: %v", data, err)
	}
	return m
}
