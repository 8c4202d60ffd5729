package typedtest

import (
	"context"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// detailedPod is a pod with the parts whose defaults are nested: ports, env from fields, probes,
// lifecycle hooks, volumes and resource limits.
func detailedPod(name string) *corev1.Pod {
	p := podNamed(name)
	p.Spec.ServiceAccountName = "default" // a service account token volume needs one
	c := &p.Spec.Containers[0]
	c.Image = "busybox:1.36"
	c.Ports = []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}}
	c.Env = []corev1.EnvVar{{Name: "NODE", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "spec.nodeName"}}}}
	c.LivenessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080)}}}
	c.ReadinessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromString("http")}}, PeriodSeconds: 3}
	c.Lifecycle = &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(8080), Path: "/stop"}}}
	c.Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}
	c.VolumeMounts = []corev1.VolumeMount{{Name: "scratch", MountPath: "/tmp"}, {Name: "conf", MountPath: "/etc/conf"}}
	p.Spec.Volumes = []corev1.Volume{
		{Name: "scratch"},
		{Name: "conf", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "m"}}}},
		{Name: "secret", VolumeSource: corev1.VolumeSource{Secret: &corev1.SecretVolumeSource{SecretName: "s"}}},
		{Name: "token", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
			{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token"}},
			{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{Path: "name", FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}}}},
		}}}},
	}
	return p
}

// moreDefaultingRules are the defaults of pods, services and workloads beyond their simplest form.
func moreDefaultingRules() []Rule {
	return []Rule{
		{"defaulting", "pod with ports, probes, volumes and limits", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(e.Pods(e.Namespace).Create(ctx, detailedPod("p"), metav1.CreateOptions{}))
		}},
		{"defaulting", "pod with equal requests and limits", func(ctx context.Context, e *Env, r *Recorder) {
			p := podNamed("p")
			p.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1"), corev1.ResourceMemory: resource.MustParse("64Mi")}
			p.Spec.RestartPolicy = corev1.RestartPolicyOnFailure
			p.Spec.Tolerations = []corev1.Toleration{{Key: "node.kubernetes.io/unreachable", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute}}
			r.Result("create")(e.Pods(e.Namespace).Create(ctx, p, metav1.CreateOptions{}))
		}},
		{"defaulting", "pod update keeps the defaults", func(ctx context.Context, e *Env, r *Recorder) {
			pods := e.Pods(e.Namespace)
			if _, err := pods.Create(ctx, podNamed("p"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch")(pods.Patch(ctx, "p", types.MergePatchType, []byte(`{"metadata":{"labels":{"a":"b"}}}`), metav1.PatchOptions{}))
		}},
		{"defaulting", "service with client IP affinity and named target port", func(ctx context.Context, e *Env, r *Recorder) {
			s := serviceNamed("s")
			s.Spec.SessionAffinity = corev1.ServiceAffinityClientIP
			s.Spec.Ports = []corev1.ServicePort{{Name: "http", Port: 80, TargetPort: intstr.FromString("http")}, {Name: "dns", Port: 53, Protocol: corev1.ProtocolUDP}}
			r.Result("create")(e.Services(e.Namespace).Create(ctx, s, metav1.CreateOptions{}))
		}},
		{"defaulting", "headless service", func(ctx context.Context, e *Env, r *Recorder) {
			s := serviceNamed("s")
			s.Spec.ClusterIP = corev1.ClusterIPNone
			r.Result("create")(e.Services(e.Namespace).Create(ctx, s, metav1.CreateOptions{}))
		}},
		{"defaulting", "external name service", func(ctx context.Context, e *Env, r *Recorder) {
			s := serviceNamed("s")
			s.Spec.Type = corev1.ServiceTypeExternalName
			s.Spec.ExternalName = "example.com"
			r.Result("create")(e.Services(e.Namespace).Create(ctx, s, metav1.CreateOptions{}))
		}},
		{"defaulting", "service update without its cluster IP", func(ctx context.Context, e *Env, r *Recorder) {
			services := e.Services(e.Namespace)
			created, err := services.Create(ctx, serviceNamed("s"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			s := serviceNamed("s")
			s.ResourceVersion = created.ResourceVersion
			s.Labels = map[string]string{"a": "b"}
			r.Result("update")(services.Update(ctx, s, metav1.UpdateOptions{}))
		}},
		{"defaulting", "deployment with Recreate strategy", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("d")
			d.Spec.Strategy.Type = appsv1.RecreateDeploymentStrategyType
			zero := int32(0)
			d.Spec.Replicas = &zero
			r.Result("create")(e.Deployments(e.Namespace).Create(ctx, d, metav1.CreateOptions{}))
		}},
		{"defaulting", "statefulset with OnDelete strategy", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("s")
			ss := &appsv1.StatefulSet{ObjectMeta: d.ObjectMeta, Spec: appsv1.StatefulSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template,
				UpdateStrategy: appsv1.StatefulSetUpdateStrategy{Type: appsv1.OnDeleteStatefulSetStrategyType}}}
			r.Result("create")(e.StatefulSets(e.Namespace).Create(ctx, ss, metav1.CreateOptions{}))
		}},
		{"defaulting", "daemonset update", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("ds")
			dss := e.DaemonSets(e.Namespace)
			if _, err := dss.Create(ctx, &appsv1.DaemonSet{ObjectMeta: d.ObjectMeta, Spec: appsv1.DaemonSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}},
				metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch labels")(dss.Patch(ctx, "ds", types.MergePatchType, []byte(`{"metadata":{"labels":{"a":"b"}}}`), metav1.PatchOptions{}))
		}},
		{"defaulting", "indexed job with labels", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("j")
			mode := batchv1.IndexedCompletion
			three := int32(3)
			j := &batchv1.Job{ObjectMeta: metav1.ObjectMeta{Name: "j", Labels: map[string]string{"team": "a"}},
				Spec: batchv1.JobSpec{Template: d.Spec.Template, CompletionMode: &mode, Completions: &three}}
			j.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyOnFailure
			r.Result("create")(e.Jobs(e.Namespace).Create(ctx, j, metav1.CreateOptions{}))
		}},
	}
}
