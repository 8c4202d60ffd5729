package fake_test

import (
	"context"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/discovery"
	clientfake "github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/kubernetes"
	"github.com/kubegen/kubegen/kubernetes/fake"
)

// newClientFromClientGo is written as tests against client-go's fake are: the constructors return
// the clientset alone, and it is used through kubernetes.Interface.
func newClientFromClientGo(objects ...runtime.Object) (kubernetes.Interface, kubernetes.Interface) {
	var simple kubernetes.Interface = fake.NewSimpleClientset(objects...) //nolint:staticcheck // client-go's deprecated name, on purpose
	var full kubernetes.Interface = fake.NewClientset(objects...)
	return simple, full
}

func TestClientGoConstructors(t *testing.T) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "ns"}}
	simple, full := newClientFromClientGo(pod)
	for name, cs := range map[string]kubernetes.Interface{"NewSimpleClientset": simple, "NewClientset": full} {
		list, err := cs.CoreV1().Pods("ns").List(context.TODO(), metav1.ListOptions{})
		if err != nil {
			t.Fatalf("%s: list: %v", name, err)
		}
		if len(list.Items) != 1 || list.Items[0].Name != "web-0" {
			t.Fatalf("%s: listed %v, want the seeded pod web-0", name, list.Items)
		}
		var d discovery.DiscoveryInterface = cs.Discovery()
		if _, err := d.ServerResourcesForGroupVersion(context.TODO(), "v1"); err != nil {
			t.Fatalf("%s: discovery of v1: %v", name, err)
		}
	}
	// Each constructor call has its own tracker, as client-go's.
	if _, err := full.CoreV1().Pods("ns").Create(context.TODO(), &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if list, _ := simple.CoreV1().Pods("ns").List(context.TODO(), metav1.ListOptions{}); len(list.Items) != 1 {
		t.Fatalf("a pod created through one fake shows in another: %d pods", len(list.Items))
	}
}

// A bad seed object panics in NewClientset and NewSimpleClientset, as in client-go, and is an error
// from NewClientsetOrError.
func TestBadSeedObject(t *testing.T) {
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "ns"}}
	_, err := fake.NewClientsetOrError(pod, pod.DeepCopy())
	if err == nil || !strings.Contains(err.Error(), "web-0") {
		t.Fatalf("NewClientsetOrError with the same pod twice: err = %v, want an error naming web-0", err)
	}
	for name, newFake := range map[string]func(...runtime.Object) *fake.Clientset{
		"NewClientset":       fake.NewClientset,
		"NewSimpleClientset": fake.NewSimpleClientset, //nolint:staticcheck // client-go's deprecated name, on purpose
	} {
		func() {
			defer func() {
				r := recover()
				if e, ok := r.(error); !ok || e.Error() != err.Error() {
					t.Errorf("%s with the same pod twice: recovered %v, want the panic %q", name, r, err)
				}
			}()
			newFake(pod, pod.DeepCopy())
		}()
	}
}

// Discovery returns one fake discovery per clientset, so what a test sets on it stays.
func TestDiscoveryIsShared(t *testing.T) {
	cs := fake.NewClientset()
	d, ok := cs.Discovery().(*clientfake.Discovery)
	if !ok {
		t.Fatalf("Discovery() is %T, want *fake.Discovery", cs.Discovery())
	}
	d.Version.GitVersion = "v1.99.0"
	v, err := cs.Discovery().ServerVersion(context.TODO())
	if err != nil {
		t.Fatal(err)
	}
	if v.GitVersion != "v1.99.0" {
		t.Fatalf("ServerVersion after setting it = %q, want v1.99.0", v.GitVersion)
	}
}
