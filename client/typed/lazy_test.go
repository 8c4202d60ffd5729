package typed_test

import (
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
)

// groupClient stands for a generated group client: a REST client and nothing else.
type groupClient struct{ rest rest.Interface }

func newGroupForREST(c rest.Interface) *groupClient { return &groupClient{rest: c} }

var appsV1 = schema.GroupVersion{Group: "apps", Version: "v1"}

// TestGroupBuildsOnceUnderConcurrency runs with -race: every caller gets the client the one
// construction built.
func TestGroupBuildsOnceUnderConcurrency(t *testing.T) {
	var g typed.Group[*groupClient]
	src := &typed.GroupSource{Config: &rest.Config{Host: "http://127.0.0.1:1"}, HTTPClient: &http.Client{}}
	var builds atomic.Int32
	newForConfig := func(c *rest.Config, h *http.Client) (*groupClient, error) {
		builds.Add(1)
		return &groupClient{}, nil
	}
	const callers = 8
	got := make([]*groupClient, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() { got[i] = g.Get(src, appsV1, newForConfig, newGroupForREST) })
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("built %d times, want once", n)
	}
	for i, c := range got {
		if c == nil || c != got[0] {
			t.Fatalf("caller %d got %p, caller 0 %p: want the same non-nil client", i, c, got[0])
		}
	}
	if again := g.Get(src, appsV1, newForConfig, newGroupForREST); again != got[0] {
		t.Errorf("a later Get returned another client")
	}
}

func TestGroupSources(t *testing.T) {
	given := rest.ErrorClient(appsV1, errors.New("given"))
	cause := errors.New("cannot build")
	failing := func(*rest.Config, *http.Client) (*groupClient, error) { return nil, cause }
	cfg := &rest.Config{Host: "http://127.0.0.1:1"}
	for _, tc := range []struct {
		name    string
		src     typed.GroupSource
		wantErr string // "" when the REST client must be the given one
	}{
		{"New's REST client wins", typed.GroupSource{REST: given, Config: cfg}, ""},
		{"failed construction", typed.GroupSource{Config: cfg}, cause.Error()},
		{"zero source", typed.GroupSource{}, "clientset: not built by NewForConfig, NewForConfigAndClient or New"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var g typed.Group[*groupClient]
			c := g.Get(&tc.src, appsV1, failing, newGroupForREST)
			if c == nil || c.rest == nil {
				t.Fatalf("Get = %+v, want a client with a REST client", c)
			}
			if tc.wantErr == "" {
				if c.rest != rest.Interface(given) {
					t.Errorf("REST client %v, want the one the source gave", c.rest)
				}
				return
			}
			if gv := c.rest.APIVersion(); gv != appsV1 {
				t.Errorf("APIVersion() = %v, want %v", gv, appsV1)
			}
			err := c.rest.Get().Resource("deployments").Do(t.Context()).Error()
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("request error %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestLazySchemeRegistersOnFirstUse checks that nothing is registered before a codec is asked for,
// that registration happens once, and that both codecs know the registered types.
func TestLazySchemeRegistersOnFirstUse(t *testing.T) {
	var s typed.LazyScheme
	var calls atomic.Int32
	register := func(scheme *runtime.Scheme) {
		calls.Add(1)
		metav1.AddToGroupVersion(scheme, schema.GroupVersion{Version: "v1"})
		if err := corev1.AddToScheme(scheme); err != nil {
			t.Error(err)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("registered %d times before use", n)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { s.Codecs(register) })
		wg.Go(func() { s.ParameterCodec(register) })
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("registered %d times, want once", n)
	}
	obj, gvk, err := s.Codecs(register).UniversalDeserializer().Decode([]byte(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}`), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if pod, ok := obj.(*corev1.Pod); !ok || pod.Name != "p" || gvk.Kind != "Pod" {
		t.Errorf("decoded %T %v, want Pod p", obj, gvk)
	}
	q, err := s.ParameterCodec(register).EncodeParameters(&corev1.PodLogOptions{Container: "c"}, corev1.SchemeGroupVersion)
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Get("container"); got != "c" {
		t.Errorf("container parameter %q, want c", got)
	}
}
