//go:build e2e

package kubernetes_test

import (
	"context"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	metav1ac "github.com/kubegen/kubegen/client/applyconfigurations/meta/v1"
	"github.com/kubegen/kubegen/kubernetes"
	appsv1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/apps/v1"
	autoscalingv1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/autoscaling/v1"
	corev1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/core/v1"
	"github.com/kubegen/kubegen/test/cluster"
)

// testCluster is a real etcd + kube-apiserver shared by the package's tests.
var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// TestBlessedClientsetAgainstCluster lists pods, creates a Deployment, scales it through the scale
// subresource and watches the Deployment's events, all with the generated clientset (protobuf by
// default).
func TestBlessedClientsetAgainstCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	config := testCluster.AdminConfig()
	seen := &contentTypes{}
	config.WrapTransport = seen.wrap
	cs, err := kubernetes.NewForConfig(config)
	if err != nil {
		t.Fatal(err)
	}
	ns, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "blessed-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pods, err := cs.CoreV1().Pods(ns.Name).List(ctx, metav1.ListOptions{})
	if err != nil || len(pods.Items) != 0 {
		t.Fatalf("list pods in a new namespace: %v, %d items", err, len(pods.Items))
	}
	if got := seen.last(); got != "application/vnd.kubernetes.protobuf" {
		t.Errorf("the pod list came as %q, want protobuf (the blessed clientset prefers it)", got)
	}

	deployments := cs.AppsV1().Deployments(ns.Name)
	d, err := deployments.Create(ctx, deployment("web", 1), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := deployments.Watch(ctx, metav1.ListOptions{ResourceVersion: d.ResourceVersion, FieldSelector: "metadata.name=web"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()

	scale, err := deployments.GetScale(ctx, "web", metav1.GetOptions{})
	if err != nil || scale.Spec.Replicas != 1 {
		t.Fatalf("GetScale: %v %+v", err, scale)
	}
	scale.Spec.Replicas = 4
	if scale, err = deployments.UpdateScale(ctx, "web", scale, metav1.UpdateOptions{}); err != nil || scale.Spec.Replicas != 4 {
		t.Fatalf("UpdateScale: %v %+v", err, scale)
	}
	stale := &autoscalingv1.Scale{ObjectMeta: metav1.ObjectMeta{Name: "web", ResourceVersion: d.ResourceVersion}, Spec: autoscalingv1.ScaleSpec{Replicas: 2}}
	if _, err := deployments.UpdateScale(ctx, "web", stale, metav1.UpdateOptions{}); err == nil {
		t.Error("UpdateScale with a stale resourceVersion succeeded")
	}

	select {
	case ev := <-w.ResultChan():
		got, ok := ev.Object.(*appsv1.Deployment)
		if ev.Type != watch.Modified || !ok || *got.Spec.Replicas != 4 {
			t.Errorf("watch event %s %T, want MODIFIED with 4 replicas", ev.Type, ev.Object)
		}
	case <-ctx.Done():
		t.Fatal("no watch event after scaling")
	}
}

func deployment(name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "web", Image: "nginx"}}},
			},
		},
	}
}

// contentTypes records the Content-Type of every response.
type contentTypes struct {
	mu    sync.Mutex
	types []string
}

func (c *contentTypes) wrap(rt http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(req *http.Request) (*http.Response, error) {
		resp, err := rt.RoundTrip(req)
		if err == nil {
			c.mu.Lock()
			c.types = append(c.types, resp.Header.Get("Content-Type"))
			c.mu.Unlock()
		}
		return resp, err
	})
}

func (c *contentTypes) last() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.types) == 0 {
		return ""
	}
	return c.types[len(c.types)-1]
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// TestApplyScaleAgainstCluster applies a Deployment's scale with server-side apply through the
// generated ApplyScale: a conflict with the manager owning spec.replicas unless forced, then the
// new replicas on the Deployment, owned by the scaler in a managedFields entry of subresource
// scale, and a stale resourceVersion refused.
func TestApplyScaleAgainstCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	ns, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "applyscale-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	deployments := cs.AppsV1().Deployments(ns.Name)
	d := appsv1ac.Deployment("web", ns.Name).WithSpec(appsv1ac.DeploymentSpec().WithReplicas(1).
		WithSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{"app": "web"})).
		WithTemplate(corev1ac.PodTemplateSpec().WithLabels(map[string]string{"app": "web"}).
			WithSpec(corev1ac.PodSpec().WithContainers(corev1ac.Container().WithName("main").WithImage("busybox")))))
	created, err := deployments.Apply(ctx, d, metav1.ApplyOptions{FieldManager: "owner"})
	if err != nil {
		t.Fatal(err)
	}
	scale := func(replicas int32) *autoscalingv1ac.ScaleApplyConfiguration {
		return autoscalingv1ac.Scale().WithName("web").WithSpec(autoscalingv1ac.ScaleSpec().WithReplicas(replicas))
	}
	if _, err := deployments.ApplyScale(ctx, "web", scale(3), metav1.ApplyOptions{FieldManager: "scaler"}); !apierrors.IsConflict(err) {
		t.Fatalf("ApplyScale of replicas another manager owns: %v, want Conflict", err)
	}
	got, err := deployments.ApplyScale(ctx, "web", scale(3), metav1.ApplyOptions{FieldManager: "scaler", Force: true})
	if err != nil || got.Spec.Replicas != 3 {
		t.Fatalf("forced ApplyScale: %v %+v", err, got)
	}
	after, err := deployments.Get(ctx, "web", metav1.GetOptions{})
	if err != nil || *after.Spec.Replicas != 3 {
		t.Fatalf("Deployment after ApplyScale: %v %+v", err, after)
	}
	var entry *metav1.ManagedFieldsEntry
	for i := range after.ManagedFields {
		if after.ManagedFields[i].Manager == "scaler" {
			entry = &after.ManagedFields[i]
		}
	}
	if entry == nil || entry.Subresource != "scale" || entry.Operation != metav1.ManagedFieldsOperationApply {
		t.Errorf("managedFields %+v: want an Apply entry of scaler for subresource scale", after.ManagedFields)
	}
	stale := scale(5).WithResourceVersion(created.ResourceVersion)
	if _, err := deployments.ApplyScale(ctx, "web", stale, metav1.ApplyOptions{FieldManager: "scaler"}); !apierrors.IsConflict(err) {
		t.Errorf("ApplyScale with a stale resourceVersion: %v, want Conflict", err)
	}
	if _, err := deployments.ApplyScale(ctx, "web", &autoscalingv1ac.ScaleApplyConfiguration{Spec: autoscalingv1ac.ScaleSpec().WithReplicas(2)},
		metav1.ApplyOptions{FieldManager: "scaler"}); err == nil {
		t.Error("ApplyScale of a body without apiVersion and kind succeeded")
	}
}
