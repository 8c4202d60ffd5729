//go:build e2e

package kubernetes_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	metav1ac "github.com/kubegen/kubegen/client/applyconfigurations/meta/v1"
	"github.com/kubegen/kubegen/kubernetes"
	appsv1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/apps/v1"
	autoscalingv1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/autoscaling/v1"
	corev1ac "github.com/kubegen/kubegen/kubernetes/applyconfigurations/core/v1"
)

// patcher is the Patch method every typed client has.
type patcher[T any] interface {
	Patch(ctx context.Context, name string, pt types.PatchType, data []byte, opts metav1.PatchOptions, subresources ...string) (T, error)
}

// applyAs sends cfg as a server-side apply patch of the named object by manager, with force.
func applyAs[T any](t *testing.T, c patcher[T], name, manager string, cfg any, subresource ...string) T {
	t.Helper()
	body, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	force := true
	out, err := c.Patch(context.Background(), name, types.ApplyPatchType, body, metav1.PatchOptions{FieldManager: manager, Force: &force}, subresource...)
	if err != nil {
		t.Fatalf("apply by %s of %s: %v", manager, body, err)
	}
	return out
}

// sameConfig fails unless got and want encode to the same JSON.
func sameConfig(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	var gv, wv any
	_ = json.Unmarshal(g, &gv)
	_ = json.Unmarshal(w, &wv)
	if !reflect.DeepEqual(gv, wv) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// TestExtractAgainstCluster: two managers apply parts of one ConfigMap on the real apiserver, and
// the generated ExtractConfigMap gives back each manager's fields and nothing of the other's; the
// owner changes its extracted configuration and applies it back without touching the other's field.
// On a Deployment, ExtractDeploymentStatus and ExtractDeploymentScale give what a manager applied
// through the status and scale subresources, and ExtractDeployment none of it.
func TestExtractAgainstCluster(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, err := kubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	ns, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "extract-"}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	configMaps := cs.CoreV1().ConfigMaps(ns.Name)
	owner := corev1ac.ConfigMap("cm", ns.Name).WithLabels(map[string]string{"app": "x"}).WithData(map[string]string{"a": "1"})
	applyAs(t, configMaps, "cm", "owner", owner)
	other := corev1ac.ConfigMap("cm", ns.Name).WithData(map[string]string{"b": "2"})
	cm := applyAs(t, configMaps, "cm", "other", other)

	for _, tc := range []struct {
		manager string
		want    *corev1ac.ConfigMapApplyConfiguration
	}{
		{"owner", owner},
		{"other", other},
		{"nobody", corev1ac.ConfigMap("cm", ns.Name)},
	} {
		got, err := corev1ac.ExtractConfigMap(cm, tc.manager)
		if err != nil {
			t.Fatalf("ExtractConfigMap(%s): %v", tc.manager, err)
		}
		sameConfig(t, "ExtractConfigMap "+tc.manager, got, tc.want)
	}

	mine, err := corev1ac.ExtractConfigMap(cm, "owner")
	if err != nil {
		t.Fatal(err)
	}
	mine.Data["a"] = "10"
	cm = applyAs(t, configMaps, "cm", "owner", mine)
	if want := map[string]string{"a": "10", "b": "2"}; !reflect.DeepEqual(cm.Data, want) || cm.Labels["app"] != "x" {
		t.Errorf("after the owner applied its extracted configuration changed: data %v labels %v, want data %v and label app=x", cm.Data, cm.Labels, want)
	}
	theirs, err := corev1ac.ExtractConfigMap(cm, "other")
	if err != nil {
		t.Fatal(err)
	}
	sameConfig(t, "the other manager's fields after the owner's round trip", theirs, other)

	deployments := cs.AppsV1().Deployments(ns.Name)
	spec := appsv1ac.Deployment("web", ns.Name).WithSpec(appsv1ac.DeploymentSpec().
		WithSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{"app": "web"})).
		WithTemplate(corev1ac.PodTemplateSpec().WithLabels(map[string]string{"app": "web"}).
			WithSpec(corev1ac.PodSpec().WithContainers(corev1ac.Container().WithName("main").WithImage("main:1")))))
	applyAs(t, deployments, "web", "owner", spec)
	status := appsv1ac.Deployment("web", ns.Name).WithStatus(appsv1ac.DeploymentStatus().WithObservedGeneration(7))
	applyAs(t, deployments, "web", "controller", status, "status")
	scale := autoscalingv1ac.Scale().WithName("web").WithSpec(autoscalingv1ac.ScaleSpec().WithReplicas(3))
	if _, err := deployments.ApplyScale(ctx, "web", scale, metav1.ApplyOptions{FieldManager: "scaler", Force: true}); err != nil {
		t.Fatal(err)
	}
	d, err := deployments.Get(ctx, "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		what    string
		extract func() (*appsv1ac.DeploymentApplyConfiguration, error)
		want    *appsv1ac.DeploymentApplyConfiguration
	}{
		{"ExtractDeployment owner", func() (*appsv1ac.DeploymentApplyConfiguration, error) { return appsv1ac.ExtractDeployment(d, "owner") }, spec},
		{"ExtractDeploymentStatus controller", func() (*appsv1ac.DeploymentApplyConfiguration, error) {
			return appsv1ac.ExtractDeploymentStatus(d, "controller")
		}, status},
		{"ExtractDeployment controller", func() (*appsv1ac.DeploymentApplyConfiguration, error) {
			return appsv1ac.ExtractDeployment(d, "controller")
		}, appsv1ac.Deployment("web", ns.Name)},
		{"ExtractDeploymentScale scaler", func() (*appsv1ac.DeploymentApplyConfiguration, error) {
			return appsv1ac.ExtractDeploymentScale(d, "scaler")
		}, appsv1ac.Deployment("web", ns.Name).WithSpec(appsv1ac.DeploymentSpec().WithReplicas(3))},
		{"ExtractDeploymentFrom scaler, scale", func() (*appsv1ac.DeploymentApplyConfiguration, error) {
			return appsv1ac.ExtractDeploymentFrom(d, "scaler", "scale")
		}, appsv1ac.Deployment("web", ns.Name).WithSpec(appsv1ac.DeploymentSpec().WithReplicas(3))},
	} {
		got, err := tc.extract()
		if err != nil {
			t.Fatalf("%s: %v", tc.what, err)
		}
		sameConfig(t, tc.what, got, tc.want)
	}
	if _, err := appsv1ac.ExtractDeployment(nil, "owner"); err == nil {
		t.Error("ExtractDeployment(nil) gave no error")
	}
}
