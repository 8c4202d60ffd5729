package fake_test

import (
	"context"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/fake"
)

var (
	cmGVR     = corev1.SchemeGroupVersion.WithResource("configmaps")
	cmGVK     = corev1.SchemeGroupVersion.WithKind("ConfigMap")
	deployGVR = appsv1.SchemeGroupVersion.WithResource("deployments")
	deployGVK = appsv1.SchemeGroupVersion.WithKind("Deployment")
	nodeGVR   = corev1.SchemeGroupVersion.WithResource("nodes")
	nodeGVK   = corev1.SchemeGroupVersion.WithKind("Node")
)

type (
	configMapClient  = fake.Client[*corev1.ConfigMap, *corev1.ConfigMapList]
	deploymentClient = fake.Client[*appsv1.Deployment, *appsv1.DeploymentList]
)

func newScheme(t testing.TB) *runtime.Scheme {
	t.Helper()
	s := runtime.NewScheme()
	if err := corev1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	if err := appsv1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	return s
}

func newTracker(t testing.TB, objects ...runtime.Object) *fake.Tracker {
	t.Helper()
	tr, err := fake.NewTracker(newScheme(t), objects...)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func configMaps(tr *fake.Tracker, ns string) *configMapClient {
	return fake.NewClient(tr, cmGVR, cmGVK, ns,
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

func deployments(tr *fake.Tracker, ns string) *deploymentClient {
	return fake.NewClient(tr, deployGVR, deployGVK, ns,
		func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} },
		fake.WithStatusSubresource())
}

func cm(ns, name string, labels map[string]string) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Data:       map[string]string{"k": "v"},
	}
}

func deployment(name string, replicas int32) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": name}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
			},
		},
	}
}

func mustCreate(t testing.TB, c *configMapClient, obj *corev1.ConfigMap) *corev1.ConfigMap {
	t.Helper()
	out, err := c.Create(context.Background(), obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create %s: %v", obj.Name, err)
	}
	return out
}

// event is a watch event reduced to what tests compare.
type event struct {
	Type watch.EventType
	Name string
	RV   string
}

// next reads one event, failing the test if the channel is closed.
func next(t testing.TB, w watch.Interface) watch.Event {
	t.Helper()
	ev, ok := <-w.ResultChan()
	if !ok {
		t.Fatal("watch channel closed early")
	}
	return ev
}

func nextN(t testing.TB, w watch.Interface, n int) []event {
	t.Helper()
	out := make([]event, 0, n)
	for range n {
		ev := next(t, w)
		m, err := meta.Accessor(ev.Object)
		if err != nil {
			t.Fatalf("event %v: %v", ev.Type, err)
		}
		out = append(out, event{ev.Type, m.GetName(), m.GetResourceVersion()})
	}
	return out
}

func mustCreateDeployment(t testing.TB, c *deploymentClient, obj *appsv1.Deployment) *appsv1.Deployment {
	t.Helper()
	out, err := c.Create(context.Background(), obj, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create %s: %v", obj.Name, err)
	}
	return out
}
