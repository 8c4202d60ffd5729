package fake_test

import (
	"context"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kubegen/kubegen/client/fake"
)

func pods(tr *fake.Tracker, opts ...fake.Option) *fake.Client[*corev1.Pod, *corev1.PodList] {
	return fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("pods"), corev1.SchemeGroupVersion.WithKind("Pod"), "ns",
		func() *corev1.Pod { return &corev1.Pod{} }, func() *corev1.PodList { return &corev1.PodList{} }, opts...)
}

func services(tr *fake.Tracker) *fake.Client[*corev1.Service, *corev1.ServiceList] {
	return fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("services"), corev1.SchemeGroupVersion.WithKind("Service"), "ns",
		func() *corev1.Service { return &corev1.Service{} }, func() *corev1.ServiceList { return &corev1.ServiceList{} }, fake.WithStatusSubresource())
}

// Pods get kube-apiserver's defaults, admission and initial status; the pull policy follows the tag.
func TestPodDefaults(t *testing.T) {
	ctx := context.Background()
	c := pods(newTracker(t), fake.WithStatusSubresource())
	for image, want := range map[string]corev1.PullPolicy{
		"busybox": corev1.PullAlways, "busybox:latest": corev1.PullAlways, "busybox:1.36": corev1.PullIfNotPresent,
		"registry:5000/busybox": corev1.PullAlways, "busybox@sha256:0123": corev1.PullIfNotPresent,
	} {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{GenerateName: "p-"}, Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "c", Image: image, Ports: []corev1.ContainerPort{{ContainerPort: 80}},
			ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(80)}}},
		}}}}
		got, err := c.Create(ctx, p, metav1.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ctr := got.Spec.Containers[0]
		if ctr.ImagePullPolicy != want {
			t.Errorf("%s: imagePullPolicy %q, want %q", image, ctr.ImagePullPolicy, want)
		}
		probe := ctr.ReadinessProbe
		if ctr.Ports[0].Protocol != corev1.ProtocolTCP || ctr.TerminationMessagePath != "/dev/termination-log" ||
			probe.PeriodSeconds != 10 || probe.FailureThreshold != 3 || probe.HTTPGet.Scheme != corev1.URISchemeHTTP || probe.HTTPGet.Path != "/" {
			t.Errorf("%s: container not defaulted: %+v", image, ctr)
		}
		s := got.Spec
		if s.RestartPolicy != corev1.RestartPolicyAlways || s.DNSPolicy != corev1.DNSClusterFirst || s.SchedulerName != "default-scheduler" ||
			s.TerminationGracePeriodSeconds == nil || *s.TerminationGracePeriodSeconds != 30 || s.Priority == nil || len(s.Tolerations) != 2 {
			t.Errorf("%s: spec not defaulted: %+v", image, s)
		}
		if got.Status.Phase != corev1.PodPending || got.Status.QOSClass != corev1.PodQOSBestEffort {
			t.Errorf("%s: status %+v", image, got.Status)
		}
	}
}

// Services get a cluster IP and keep it when an update leaves it out; changing it is refused.
func TestServiceClusterIP(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	tr.SetKindValidation(true)
	c := services(tr)
	s := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "s"}, Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}}}
	got, err := c.Create(ctx, s.DeepCopy(), metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Spec.ClusterIP == "" || len(got.Spec.ClusterIPs) != 1 || got.Spec.Type != corev1.ServiceTypeClusterIP ||
		got.Spec.Ports[0].TargetPort != intstr.FromInt32(80) || got.Spec.SessionAffinity != corev1.ServiceAffinityNone {
		t.Fatalf("service not defaulted: %+v", got.Spec)
	}
	s.Labels = map[string]string{"a": "b"}
	updated, err := c.Update(ctx, s.DeepCopy(), metav1.UpdateOptions{})
	if err != nil || updated.Spec.ClusterIP != got.Spec.ClusterIP {
		t.Fatalf("update without the cluster IP: %v %+v", err, updated)
	}
	s.Spec.ClusterIP, s.Spec.ClusterIPs = "10.0.0.9", []string{"10.0.0.9"}
	if _, err := c.Update(ctx, s, metav1.UpdateOptions{}); err == nil {
		t.Fatal("changing the cluster IP succeeded")
	}
	bad := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "a/b"}, Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}}}
	if _, err := c.Create(ctx, bad, metav1.CreateOptions{}); err == nil || !strings.Contains(err.Error(), "failed to allocate IP") {
		t.Fatalf("service named a/b: %v", err)
	}
}

// SetDefaults replaces a kind's built-in defaults, or removes them.
func TestSetDefaults(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	tr.SetDefaults(cmGVK, func(obj map[string]any) {
		data, _ := obj["data"].(map[string]any)
		if data == nil {
			data = map[string]any{}
			obj["data"] = data
		}
		if _, ok := data["mode"]; !ok {
			data["mode"] = "default"
		}
	})
	tr.SetDefaults(corev1.SchemeGroupVersion.WithKind("Pod"), nil)
	cm, err := configMaps(tr, "ns").Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "m"}}, metav1.CreateOptions{})
	if err != nil || cm.Data["mode"] != "default" {
		t.Fatalf("registered defaults: %v %v", err, cm)
	}
	p, err := pods(tr).Create(ctx, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p"}}, metav1.CreateOptions{})
	if err != nil || p.Spec.RestartPolicy != "" {
		t.Fatalf("removed defaults still applied: %v %+v", err, p.Spec)
	}
}
