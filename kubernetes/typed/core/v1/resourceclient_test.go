package v1

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/typed"
	applyconfigurationscorev1 "github.com/kubegen/kubegen/kubernetes/applyconfigurations/core/v1"
)

// recorder is a server that answers every request with a canned JSON reply (or with status and
// body when status is set) and records what it was sent.
type recorder struct {
	mu     sync.Mutex
	sent   []string
	status int
	body   string
}

func (s *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.sent = append(s.sent, fmt.Sprintf("%s %s?%s %s %s", r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Content-Type"), body))
	status, reply := s.status, s.body
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if status != 0 {
		w.WriteHeader(status)
		io.WriteString(w, reply)
		return
	}
	switch {
	case r.URL.Query().Get("watch") == "true":
		io.WriteString(w, `{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"w"}}}`+"\n")
	case r.Method == http.MethodDelete:
		io.WriteString(w, `{"kind":"Status","apiVersion":"v1","status":"Success"}`)
	case strings.HasSuffix(r.URL.Path, "/scale"):
		io.WriteString(w, `{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"x"},"spec":{"replicas":3}}`)
	case r.Method == http.MethodGet && (strings.HasSuffix(r.URL.Path, "/pods") || strings.HasSuffix(r.URL.Path, "/replicationcontrollers")):
		io.WriteString(w, `{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"}}]}`)
	default:
		io.WriteString(w, `{"kind":"Pod","apiVersion":"v1","metadata":{"name":"x","namespace":"ns","resourceVersion":"7"},"spec":{"nodeName":"n1"}}`)
	}
}

// take returns the requests recorded since the last call.
func (s *recorder) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	sent := s.sent
	s.sent = nil
	return sent
}

// outcome is what one call returned and sent.
type outcome struct {
	Result any
	Err    string
	Sent   []string
}

// TestGeneratedClientMatchesGenericClient: the generated typed client (a struct over
// typed.ResourceClient with one short method per verb) sends exactly the requests of the generic
// typed.ClientWithApply for every verb, and returns the same results and errors, including the empty
// object returned with an error and the checks made before any request.
func TestGeneratedClientMatchesGenericClient(t *testing.T) {
	srv := &recorder{}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	cs, err := NewForConfig(&rest.Config{Host: hs.URL, ContentConfig: rest.ContentConfig{ContentType: "application/json"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	generated := cs.Pods("ns")
	generic := typed.NewClientWithApply[*corev1.Pod, *corev1.PodList, *applyconfigurationscorev1.PodApplyConfiguration]("pods",
		cs.RESTClient(), parameterCodec(), "ns", func() *corev1.Pod { return &corev1.Pod{} }, func() *corev1.PodList { return &corev1.PodList{} })
	timeout := int64(30)
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "x", ResourceVersion: "3"}, Spec: corev1.PodSpec{NodeName: "n1"}}
	cfg := applyconfigurationscorev1.Pod("x", "ns").WithSpec(applyconfigurationscorev1.PodSpec().WithNodeName("n1"))
	var nilPod *corev1.Pod
	var nilCfg *applyconfigurationscorev1.PodApplyConfiguration
	apply := metav1.ApplyOptions{FieldManager: "m", Force: true}

	type call func(c podVerbs) (any, error)
	calls := map[string]call{
		"get": func(c podVerbs) (any, error) { return c.Get(ctx, "x", metav1.GetOptions{ResourceVersion: "0"}) },
		"list": func(c podVerbs) (any, error) {
			return c.List(ctx, metav1.ListOptions{LabelSelector: "a=b", Limit: 5, TimeoutSeconds: &timeout})
		},
		"watch": func(c podVerbs) (any, error) {
			w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: "5", AllowWatchBookmarks: true})
			if err != nil {
				return nil, err
			}
			defer w.Stop()
			return (<-w.ResultChan()).Object, nil
		},
		"create": func(c podVerbs) (any, error) {
			return c.Create(ctx, pod, metav1.CreateOptions{FieldManager: "m", DryRun: []string{"All"}})
		},
		"create nil": func(c podVerbs) (any, error) { return c.Create(ctx, nilPod, metav1.CreateOptions{}) },
		"update": func(c podVerbs) (any, error) {
			return c.Update(ctx, pod, metav1.UpdateOptions{FieldValidation: "Strict"})
		},
		"update nil":   func(c podVerbs) (any, error) { return c.Update(ctx, nilPod, metav1.UpdateOptions{}) },
		"updateStatus": func(c podVerbs) (any, error) { return c.UpdateStatus(ctx, pod, metav1.UpdateOptions{}) },
		"delete": func(c podVerbs) (any, error) {
			return nil, c.Delete(ctx, "x", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: new("3")}})
		},
		"deleteCollection": func(c podVerbs) (any, error) {
			return nil, c.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "a=b", TimeoutSeconds: &timeout})
		},
		"patch": func(c podVerbs) (any, error) {
			return c.Patch(ctx, "x", types.MergePatchType, []byte(`{"spec":{}}`), metav1.PatchOptions{FieldManager: "m"}, "status")
		},
		"apply":                 func(c podVerbs) (any, error) { return c.Apply(ctx, cfg, apply) },
		"applyStatus":           func(c podVerbs) (any, error) { return c.ApplyStatus(ctx, cfg, apply) },
		"apply nil":             func(c podVerbs) (any, error) { return c.Apply(ctx, nilCfg, apply) },
		"apply without manager": func(c podVerbs) (any, error) { return c.Apply(ctx, cfg, metav1.ApplyOptions{}) },
		"apply without name": func(c podVerbs) (any, error) {
			return c.ApplyStatus(ctx, applyconfigurationscorev1.Pod("", "ns"), apply)
		},
		"get with an empty name": func(c podVerbs) (any, error) { return c.Get(ctx, "", metav1.GetOptions{}) },
	}
	run := func(name string, c podVerbs) outcome {
		res, err := calls[name](c)
		o := outcome{Result: res, Sent: srv.take()}
		if err != nil {
			o.Err = err.Error()
		}
		return o
	}
	for _, failing := range []bool{false, true} {
		srv.status, srv.body = 0, ""
		if failing {
			srv.status = http.StatusNotFound
			srv.body = `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"pods \"x\" not found"}`
		}
		for name := range calls {
			t.Run(fmt.Sprintf("%s/failing=%v", name, failing), func(t *testing.T) {
				want := run(name, generic)
				got := run(name, generated)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("generated client\n  got  %#v\n  want %#v (the generic client's)", got, want)
				}
				if len(want.Sent) == 0 && want.Err == "" {
					t.Errorf("no request sent and no error")
				}
			})
		}
	}

	// The subresource methods send what the generic client's subresource calls send.
	srv.status, srv.body = 0, ""
	scale := &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "x"}, Spec: autoscalingv1.ScaleSpec{Replicas: 3}}
	rcs := cs.ReplicationControllers("ns")
	gotScale, err := rcs.UpdateScale(ctx, "x", scale, metav1.UpdateOptions{})
	got := outcome{Result: gotScale, Sent: srv.take()}
	if err != nil {
		t.Fatal(err)
	}
	genericRCs := typed.NewClient("replicationcontrollers", cs.RESTClient(), parameterCodec(), "ns",
		func() *corev1.ReplicationController { return &corev1.ReplicationController{} },
		func() *corev1.ReplicationControllerList { return &corev1.ReplicationControllerList{} })
	wantScale := &autoscalingv1.Scale{}
	if err := genericRCs.UpdateSubresource(ctx, "x", "scale", scale, &metav1.UpdateOptions{}, wantScale); err != nil {
		t.Fatal(err)
	}
	if want := (outcome{Result: wantScale, Sent: srv.take()}); !reflect.DeepEqual(got, want) {
		t.Errorf("UpdateScale\n  got  %#v\n  want %#v", got, want)
	}

	// Informers sync with a watch-list only through a client that says it supports one.
	if s, ok := any(generated).(interface{ SupportsWatchList() bool }); !ok || !s.SupportsWatchList() {
		t.Error("the generated client does not report SupportsWatchList")
	}
}

// podVerbs is the method set PodInterface shares with typed.ClientWithApply for pods.
type podVerbs interface {
	Get(ctx context.Context, name string, opts metav1.GetOptions) (*corev1.Pod, error)
	List(ctx context.Context, opts metav1.ListOptions) (*corev1.PodList, error)
	Watch(ctx context.Context, opts metav1.ListOptions) (watch.Interface, error)
	Create(ctx context.Context, pod *corev1.Pod, opts metav1.CreateOptions) (*corev1.Pod, error)
	Update(ctx context.Context, pod *corev1.Pod, opts metav1.UpdateOptions) (*corev1.Pod, error)
	UpdateStatus(ctx context.Context, pod *corev1.Pod, opts metav1.UpdateOptions) (*corev1.Pod, error)
	Delete(ctx context.Context, name string, opts metav1.DeleteOptions) error
	DeleteCollection(ctx context.Context, opts metav1.DeleteOptions, listOpts metav1.ListOptions) error
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (*corev1.Pod, error)
	Apply(ctx context.Context, pod *applyconfigurationscorev1.PodApplyConfiguration, opts metav1.ApplyOptions) (*corev1.Pod, error)
	ApplyStatus(ctx context.Context, pod *applyconfigurationscorev1.PodApplyConfiguration, opts metav1.ApplyOptions) (*corev1.Pod, error)
}
