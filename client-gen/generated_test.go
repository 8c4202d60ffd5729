package clientgen

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	examplev1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1"
	examplev1beta1 "github.com/kubegen/kubegen/client-gen/testdata/apis/example/v1beta1"
	"github.com/kubegen/kubegen/client-gen/testdata/golden/versioned"
	"github.com/kubegen/kubegen/client-gen/testdata/golden/versioned/fake"
	typedexamplev1 "github.com/kubegen/kubegen/client-gen/testdata/golden/versioned/typed/example/v1"
	typedexamplev1beta1 "github.com/kubegen/kubegen/client-gen/testdata/golden/versioned/typed/example/v1beta1"
	"github.com/kubegen/kubegen/client/discovery"
	"github.com/kubegen/kubegen/client/rest"
)

// recorder is a stand-in API server that records each request and answers with a fixed object.
type recorder struct {
	mu       sync.Mutex
	requests []string
	accept   []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.requests = append(r.requests, req.Method+" "+req.URL.Path)
	r.accept = append(r.accept, req.Header.Get("Accept"))
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.HasSuffix(req.URL.Path, "/scale"):
		_, _ = io.WriteString(w, `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"w"},"spec":{"replicas":3}}`)
	case strings.HasSuffix(req.URL.Path, "/token"):
		_, _ = io.WriteString(w, `{"kind":"Token","apiVersion":"example.kubegen.io/v1","value":"t0ken"}`)
	case strings.Contains(req.URL.Path, "/endpoints"):
		_, _ = io.WriteString(w, `{"kind":"EndpointsList","apiVersion":"v1","items":[]}`)
	case strings.Contains(req.URL.Path, "/policies/"):
		_, _ = io.WriteString(w, `{"kind":"Policy","apiVersion":"example.kubegen.io/v1","metadata":{"name":"p"}}`)
	default:
		_, _ = io.WriteString(w, `{"kind":"Widget","apiVersion":"example.kubegen.io/v1","metadata":{"name":"w"}}`)
	}
}

// TestGeneratedClientRequests drives the generated clientset against a recording server: each
// generated method must reach the right URL with the right verb.
func TestGeneratedClientRequests(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	cs, err := versioned.NewForConfig(&rest.Config{Host: srv.URL, ContentConfig: rest.ContentConfig{ContentType: "application/json"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"namespaced get", func() error { _, err := cs.ExampleV1().Widgets("ns").Get(ctx, "w", metav1.GetOptions{}); return err },
			"GET /apis/example.kubegen.io/v1/namespaces/ns/widgets/w"},
		{"cluster-scoped get", func() error { _, err := cs.ExampleV1().Policies().Get(ctx, "p", metav1.GetOptions{}); return err },
			"GET /apis/example.kubegen.io/v1/policies/p"},
		{"core group list", func() error { _, err := cs.CoreV1().Endpoints("ns").List(ctx, metav1.ListOptions{}); return err },
			"GET /api/v1/namespaces/ns/endpoints"},
		{"update status", func() error {
			_, err := cs.ExampleV1().Widgets("ns").UpdateStatus(ctx, &examplev1.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w"}}, metav1.UpdateOptions{})
			return err
		}, "PUT /apis/example.kubegen.io/v1/namespaces/ns/widgets/w/status"},
		{"method get scale", func() error {
			s, err := cs.ExampleV1().Widgets("ns").GetScale(ctx, "w", metav1.GetOptions{})
			if err == nil && s.Spec.Replicas != 3 {
				t.Errorf("scale replicas %d, want 3", s.Spec.Replicas)
			}
			return err
		}, "GET /apis/example.kubegen.io/v1/namespaces/ns/widgets/w/scale"},
		{"method update scale", func() error {
			_, err := cs.ExampleV1().Widgets("ns").UpdateScale(ctx, "w", &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "w"}}, metav1.UpdateOptions{})
			return err
		}, "PUT /apis/example.kubegen.io/v1/namespaces/ns/widgets/w/scale"},
		{"method apply scale", func() error {
			s, err := cs.ExampleV1().Widgets("ns").ApplyScale(ctx, "w", applyScale(3), metav1.ApplyOptions{FieldManager: "m"})
			if err == nil && s.Spec.Replicas != 3 {
				t.Errorf("scale replicas %d, want 3", s.Spec.Replicas)
			}
			return err
		}, "PATCH /apis/example.kubegen.io/v1/namespaces/ns/widgets/w/scale"},
		{"method create token", func() error {
			tok, err := cs.ExampleV1().Sprockets("ns").CreateToken(ctx, "s", &examplev1.Token{}, metav1.CreateOptions{})
			if err == nil && tok.Value != "t0ken" {
				t.Errorf("token %q", tok.Value)
			}
			return err
		}, "POST /apis/example.kubegen.io/v1/namespaces/ns/sprockets/s/token"},
	}
	for i, tt := range tests {
		if err := tt.call(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := rec.requests[i]; got != tt.want {
			t.Errorf("%s: request %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestGeneratedClientPrefersProtobuf: fixtures were generated with --prefers-protobuf, so a config
// without a content type asks for protobuf first.
func TestGeneratedClientPrefersProtobuf(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	defer srv.Close()
	cs, err := versioned.NewForConfig(&rest.Config{Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = cs.ExampleV1().Widgets("ns").Get(context.Background(), "w", metav1.GetOptions{})
	if len(rec.accept) != 1 || !strings.HasPrefix(rec.accept[0], "application/vnd.kubernetes.protobuf") {
		t.Errorf("Accept %q, want protobuf first", rec.accept)
	}
}

// TestGeneratedFake runs the generated fake clientset: seeded objects read back as given, as
// client-go's; status separation, scale and cluster scope behave as the API server would.
func TestGeneratedFake(t *testing.T) {
	ctx := context.Background()
	seed := &examplev1.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w", Namespace: "ns"}, Spec: examplev1.WidgetSpec{Replicas: 1}}
	cs := fake.NewClientset(seed)
	widgets := cs.ExampleV1().Widgets("ns")
	w, err := widgets.Get(ctx, "w", metav1.GetOptions{})
	if err != nil || !reflect.DeepEqual(w, seed) {
		t.Fatalf("get seeded widget: %v %+v, want it as given, as client-go's fake stores it", err, w)
	}
	w.Status.Replicas = 5
	w.Spec.Replicas = 2
	if w, err = widgets.Update(ctx, w, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if w.Spec.Replicas != 2 || w.Status.Replicas != 0 {
		t.Errorf("Update changed status or missed spec: %+v", w)
	}
	w.Status.Replicas = 7
	if w, err = widgets.UpdateStatus(ctx, w, metav1.UpdateOptions{}); err != nil || w.Status.Replicas != 7 {
		t.Fatalf("UpdateStatus: %v %+v", err, w)
	}
	stale := w.DeepCopy()
	stale.ResourceVersion = "1"
	if _, err := widgets.Update(ctx, stale, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Errorf("stale update: %v, want Conflict", err)
	}
	if _, err := widgets.UpdateScale(ctx, "w", &autoscalingv1.Scale{Spec: autoscalingv1.ScaleSpec{Replicas: 4}}, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if s, err := widgets.GetScale(ctx, "w", metav1.GetOptions{}); err != nil || s.Spec.Replicas != 4 {
		t.Errorf("GetScale after UpdateScale: %v %+v", err, s)
	}
	if s, err := widgets.ApplyScale(ctx, "w", applyScale(6), metav1.ApplyOptions{FieldManager: "m", Force: true}); err != nil || s.Spec.Replicas != 6 {
		t.Fatalf("ApplyScale: %v %+v", err, s)
	}
	if w, err := widgets.Get(ctx, "w", metav1.GetOptions{}); err != nil || w.Spec.Replicas != 6 {
		t.Errorf("Get after ApplyScale: %v %+v", err, w)
	}
	if _, err := widgets.ApplyScale(ctx, "w", applyScale(6), metav1.ApplyOptions{}); !apierrors.IsInvalid(err) {
		t.Errorf("ApplyScale without a field manager: %v, want Invalid", err)
	}
	if _, err := cs.ExampleV1().Policies().Create(ctx, &examplev1.Policy{ObjectMeta: metav1.ObjectMeta{Name: "p"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.ExampleV1().Policies().Create(ctx, &examplev1.Policy{ObjectMeta: metav1.ObjectMeta{Name: "p"}}, metav1.CreateOptions{}); !apierrors.IsAlreadyExists(err) {
		t.Errorf("second create: %v, want AlreadyExists", err)
	}
}

// TestGeneratedClientsetSharesRateLimiter: every group client of a clientset draws from one token
// bucket, unless the config brings its own limiter or disables limiting.
func TestGeneratedClientsetSharesRateLimiter(t *testing.T) {
	cs, err := versioned.NewForConfig(&rest.Config{Host: "https://127.0.0.1:1", QPS: 7, Burst: 3})
	if err != nil {
		t.Fatal(err)
	}
	a, b := cs.ExampleV1().RESTClient().GetRateLimiter(), cs.CoreV1().RESTClient().GetRateLimiter()
	if a == nil || a != b || a.QPS() != 7 {
		t.Errorf("group clients' limiters: %v and %v, want one shared limiter at 7 QPS", a, b)
	}
	unlimited, err := versioned.NewForConfig(&rest.Config{Host: "https://127.0.0.1:1", QPS: -1})
	if err != nil {
		t.Fatal(err)
	}
	if l := unlimited.ExampleV1().RESTClient().GetRateLimiter(); l != nil {
		t.Errorf("QPS < 0: limiter %v, want none", l)
	}
}

// applyScale is the body of a server-side apply to a scale subresource.
func applyScale(replicas int32) *autoscalingv1.Scale {
	return &autoscalingv1.Scale{TypeMeta: metav1.TypeMeta{APIVersion: "autoscaling/v1", Kind: "Scale"},
		ObjectMeta: metav1.ObjectMeta{Name: "w"}, Spec: autoscalingv1.ScaleSpec{Replicas: replicas}}
}

// TestGeneratedFakeClientGoShapes compiles and runs code written against a code-generator fake:
// NewSimpleClientset and NewClientset return the clientset alone, panic on a bad seed object, and
// Discovery is client-go's DiscoveryInterface, one per clientset.
func TestGeneratedFakeClientGoShapes(t *testing.T) {
	seed := &examplev1.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w", Namespace: "ns"}}
	var cs versioned.Interface = fake.NewSimpleClientset(seed) //nolint:staticcheck // client-go's deprecated name, on purpose
	list, err := cs.ExampleV1().Widgets("ns").List(context.TODO(), metav1.ListOptions{})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list seeded widgets: %v %v", err, list)
	}
	var d discovery.DiscoveryInterface = cs.Discovery()
	if _, err := d.ServerResourcesForGroupVersion(context.TODO(), "example.kubegen.io/v1"); err != nil {
		t.Fatalf("discovery: %v", err)
	}
	if cs.Discovery() != d {
		t.Error("Discovery() returns a new value on each call; a test's settings on it would be lost")
	}
	_, err = fake.NewClientsetOrError(seed, seed.DeepCopy())
	if err == nil {
		t.Fatal("NewClientsetOrError with the same widget twice: no error")
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("NewClientset with the same widget twice did not panic")
		}
	}()
	fake.NewClientset(seed, seed.DeepCopy())
}

// TestGeneratedClientsetEveryVersion: a user clientset has a getter for every version of each group,
// as code-generator's (example.kubegen.io has v1 and v1beta1), and so has its fake.
func TestGeneratedClientsetEveryVersion(t *testing.T) {
	real, err := versioned.NewForConfig(&rest.Config{Host: "https://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	var clientsets = map[string]versioned.Interface{"real": real, "fake": fake.NewClientset()}
	for name, cs := range clientsets {
		var v1 typedexamplev1.ExampleV1Interface = cs.ExampleV1()
		var v1beta1 typedexamplev1beta1.ExampleV1beta1Interface = cs.ExampleV1beta1()
		if v1 == nil || v1beta1 == nil {
			t.Fatalf("%s: ExampleV1() = %v, ExampleV1beta1() = %v", name, v1, v1beta1)
		}
	}
	ctx := context.Background()
	cs := fake.NewClientset()
	w := &examplev1beta1.Widget{ObjectMeta: metav1.ObjectMeta{Name: "w", Namespace: "ns"}}
	if _, err := cs.ExampleV1beta1().Widgets("ns").Create(ctx, w, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	list, err := cs.ExampleV1beta1().Widgets("ns").List(ctx, metav1.ListOptions{})
	if err != nil || len(list.Items) != 1 {
		t.Fatalf("list v1beta1 widgets through the fake: %v %v", err, list)
	}
}
