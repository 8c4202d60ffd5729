package fake_test

import (
	"context"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"

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
