package fake_test

import (
	"context"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/rest"
	core "github.com/kubegen/kubegen/client/testing"
	"github.com/kubegen/kubegen/kubernetes/fake"
)

// The clientset embeds testing.Fake as client-go's does: its Actions are the calls made through
// it, as client-go's fake records them, and its reactors run in client-go's order around the tracker.
func TestClientsetRecordsClientGoActions(t *testing.T) {
	ctx := context.Background()
	client := fake.NewClientset()
	pods := client.CoreV1().Pods("ns")
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}}
	created, err := pods.Create(ctx, p, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	created.Labels = map[string]string{"v": "2"}
	if _, err := pods.UpdateStatus(ctx, created, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := pods.Patch(ctx, "web", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := pods.Delete(ctx, "web", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}

	gvr := schema.GroupVersionResource{Version: "v1", Resource: "pods"}
	want := []core.Action{
		core.NewCreateAction(gvr, "ns", p),
		core.NewUpdateSubresourceAction(gvr, "status", "ns", created),
		core.NewPatchAction(gvr, "ns", "web", types.MergePatchType, []byte(`{}`)),
		core.NewDeleteAction(gvr, "ns", "web"),
	}
	if got := client.Actions(); !reflect.DeepEqual(got, want) {
		t.Errorf("actions:\n got  %#v\n want %#v", got, want)
	}
	if p.ResourceVersion != "" || p.UID != "" {
		t.Errorf("the fake changed the caller's object: %+v", p.ObjectMeta)
	}
	if n := len(client.Tracker().Actions()); n != 4 {
		t.Errorf("the tracker's log has %d actions, want the clientset's 4", n)
	}
	client.ClearActions()
	if n := len(client.Tracker().Actions()); n != 0 {
		t.Errorf("after ClearActions the tracker's log has %d actions", n)
	}
}

func TestClientsetReactorOrder(t *testing.T) {
	ctx := context.Background()
	client := fake.NewClientset(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "web"}})
	var ran []string
	client.AddReactor("get", "pods", func(core.Action) (bool, runtime.Object, error) {
		ran = append(ran, "added") // after the tracker, as in client-go: never reached for pods
		return true, nil, apierrors.NewServiceUnavailable("added")
	})
	client.PrependReactor("get", "pods", func(a core.Action) (bool, runtime.Object, error) {
		ran = append(ran, "prepended")
		if a.(core.GetAction).GetName() == "busy" {
			return true, nil, apierrors.NewServiceUnavailable("busy")
		}
		return false, nil, nil
	})
	got, err := client.CoreV1().Pods("ns").Get(ctx, "web", metav1.GetOptions{})
	if err != nil || got.Name != "web" {
		t.Fatalf("get web fell through to the tracker: %v %v", got, err)
	}
	if _, err := client.CoreV1().Pods("ns").Get(ctx, "busy", metav1.GetOptions{}); !apierrors.IsServiceUnavailable(err) {
		t.Fatalf("get busy: %v, want the prepended reactor's error", err)
	}
	if want := []string{"prepended", "prepended"}; !reflect.DeepEqual(ran, want) {
		t.Errorf("reactors ran %v, want %v", ran, want)
	}
}

// Discovery serves the Fake's Resources, as client-go's fake discovery does, once a test sets them;
// each call records client-go's get action, and a reactor on it makes discovery fail.
func TestClientsetDiscoveryServesResources(t *testing.T) {
	ctx := context.Background()
	client := fake.NewClientset()
	if _, err := client.Discovery().ServerResourcesForGroupVersion(ctx, "apps/v1"); err != nil {
		t.Fatalf("without Resources, discovery answers from the tracker: %v", err)
	}
	widgets := &metav1.APIResourceList{GroupVersion: "example.com/v1", APIResources: []metav1.APIResource{
		{Name: "widgets", Namespaced: true, Kind: "Widget", Verbs: metav1.Verbs{"get", "list"}}}}
	client.Resources = []*metav1.APIResourceList{
		{GroupVersion: "v1", APIResources: []metav1.APIResource{{Name: "pods", Namespaced: true, Kind: "Pod"}}},
		widgets,
		{GroupVersion: "example.com/v1beta1"},
	}
	client.ClearActions()

	got, err := client.Discovery().ServerResourcesForGroupVersion(ctx, "example.com/v1")
	if err != nil || !reflect.DeepEqual(got, widgets) {
		t.Fatalf("example.com/v1: %v %v, want the list set in Resources", got, err)
	}
	if _, err := client.Discovery().ServerResourcesForGroupVersion(ctx, "apps/v1"); !apierrors.IsNotFound(err) {
		t.Errorf("apps/v1, not in Resources: %v, want NotFound", err)
	}
	groups, err := client.Discovery().ServerGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range groups.Groups {
		names = append(names, g.Name+"="+g.PreferredVersion.Version+"/"+strconv.Itoa(len(g.Versions)))
	}
	if want := []string{"=v1/1", "example.com=v1/2"}; !reflect.DeepEqual(names, want) {
		t.Errorf("groups %v, want %v", names, want)
	}
	_, lists, err := client.Discovery().ServerGroupsAndResources(ctx)
	if err != nil || len(lists) != 3 || lists[1] != widgets {
		t.Errorf("ServerGroupsAndResources: %v %v, want the Resources", lists, err)
	}

	get := func(resource string) core.Action {
		return core.ActionImpl{Verb: "get", Resource: schema.GroupVersionResource{Resource: resource}}
	}
	want := []core.Action{get("resource"), get("resource"), get("group"), get("group"), get("resource")}
	if got := client.Actions(); !reflect.DeepEqual(got, want) {
		t.Errorf("actions:\n got  %#v\n want %#v", got, want)
	}

	client.PrependReactor("get", "resource", func(core.Action) (bool, runtime.Object, error) {
		return true, nil, apierrors.NewServiceUnavailable("discovery is down")
	})
	if _, err := client.Discovery().ServerResourcesForGroupVersion(ctx, "example.com/v1"); !apierrors.IsServiceUnavailable(err) {
		t.Errorf("with a failing reactor: %v, want its error", err)
	}
	if _, err := client.Discovery().ServerGroups(ctx); err != nil {
		t.Errorf("the reactor on resource failed ServerGroups: %v", err)
	}
}

// proxied is a proxied answer.
type proxied string

func (p proxied) DoRaw(context.Context) ([]byte, error) { return []byte(p), nil }
func (p proxied) Stream(context.Context) (io.ReadCloser, error) {
	return io.NopCloser(strings.NewReader(string(p))), nil
}

// ProxyGet of services, pods and nodes goes through the proxy reactors, as client-go's fake does,
// and is recorded as client-go's ProxyGetAction; with no reactor the request fails when sent.
func TestClientsetProxyReactors(t *testing.T) {
	ctx := context.Background()
	client := fake.NewClientset()
	if _, err := client.CoreV1().Services("ns").ProxyGet("http", "web", "80", "/", nil).DoRaw(ctx); err == nil {
		t.Error("ProxyGet with no proxy reactor: no error")
	}
	client.PrependProxyReactor("services", func(a core.Action) (bool, rest.ResponseWrapper, error) {
		p := a.(core.ProxyGetAction)
		return true, proxied(p.GetNamespace() + "/" + p.GetName() + ":" + p.GetPort() + p.GetPath() + "?q=" + p.GetParams()["q"]), nil
	})
	client.PrependProxyReactor("nodes", func(core.Action) (bool, rest.ResponseWrapper, error) {
		return true, nil, apierrors.NewServiceUnavailable("kubelet down")
	})
	client.ClearActions()

	params := map[string]string{"q": "1"}
	got, err := client.CoreV1().Services("ns").ProxyGet("https", "web", "8443", "/metrics", params).DoRaw(ctx)
	if err != nil || string(got) != "ns/web:8443/metrics?q=1" {
		t.Errorf("services ProxyGet: %q %v, want the reactor's answer", got, err)
	}
	if _, err := client.CoreV1().Nodes().ProxyGet("https", "n1", "10250", "/stats", nil).DoRaw(ctx); !apierrors.IsServiceUnavailable(err) {
		t.Errorf("nodes ProxyGet: %v, want the reactor's error", err)
	}
	if _, err := client.CoreV1().Pods("ns").ProxyGet("http", "p", "80", "/", nil).Stream(ctx); err == nil {
		t.Error("pods ProxyGet, no reactor for pods: no error")
	}
	want := []core.Action{
		core.NewProxyGetAction(schema.GroupVersionResource{Version: "v1", Resource: "services"}, "ns", "https", "web", "8443", "/metrics", params),
		core.NewProxyGetAction(schema.GroupVersionResource{Version: "v1", Resource: "nodes"}, "", "https", "n1", "10250", "/stats", nil),
		core.NewProxyGetAction(schema.GroupVersionResource{Version: "v1", Resource: "pods"}, "ns", "http", "p", "80", "/", nil),
	}
	if got := client.Actions(); !reflect.DeepEqual(got, want) {
		t.Errorf("actions:\n got  %#v\n want %#v", got, want)
	}
}
