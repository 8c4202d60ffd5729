package typedtest

import (
	"context"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/typed"
)

// DeploymentClient is the client the Deployments scenario runs against.
type DeploymentClient = typed.Interface[*appsv1.Deployment, *appsv1.DeploymentList]

// Deployments runs the status-subresource scenario in the client's namespace: create drops the status,
// Update keeps the stored status and bumps generation on spec changes, UpdateStatus changes only the
// status, stale status updates conflict, patches of the status subresource, the scale subresource, and
// server-side apply of the object and of its status by different managers.
// No controller may act on Deployments while it runs (the test cluster runs no controller-manager).
func Deployments(ctx context.Context, c DeploymentClient) (Transcript, error) {
	s := &deployScenario{c: c}
	for _, step := range []func(context.Context) error{s.create, s.update, s.updateStatus, s.scale, s.apply} {
		if err := step(ctx); err != nil {
			return s.lines, err
		}
	}
	return s.lines, nil
}

type deployScenario struct {
	recorder
	c DeploymentClient
	d *appsv1.Deployment
}

func newDeployment(name string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}},
			},
		},
	}
}

func (s *deployScenario) observe(step string, d *appsv1.Deployment) {
	s.wrote(step, d)
	s.logf("%s: spec.replicas %d status.replicas %d generation %d labels %v",
		step, *d.Spec.Replicas, d.Status.Replicas, d.Generation, d.Labels)
	s.d = d
}

func (s *deployScenario) create(ctx context.Context) error {
	in := newDeployment("web", 1)
	in.Status.Replicas = 5
	got, err := s.c.Create(ctx, in, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	s.observe("create with a status", got)
	return nil
}

func (s *deployScenario) update(ctx context.Context) error {
	next := s.d.DeepCopy()
	*next.Spec.Replicas = 2
	next.Status.Replicas = 3
	got, err := s.c.Update(ctx, next, metav1.UpdateOptions{})
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	s.observe("update spec and status", got)
	relabel := got.DeepCopy()
	relabel.Labels = map[string]string{"team": "a"}
	if got, err = s.c.Update(ctx, relabel, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("relabel: %w", err)
	}
	s.observe("update labels only", got)
	return nil
}

func (s *deployScenario) updateStatus(ctx context.Context) error {
	stale := s.d.DeepCopy()
	next := s.d.DeepCopy()
	*next.Spec.Replicas = 9
	next.Status.Replicas = 3
	next.Labels = map[string]string{"team": "ignored"}
	got, err := s.c.UpdateStatus(ctx, next, metav1.UpdateOptions{})
	if err != nil {
		return fmt.Errorf("update status: %w", err)
	}
	s.observe("update status with spec and label changes", got)
	stale.Status.Replicas = 1
	_, err = s.c.UpdateStatus(ctx, stale, metav1.UpdateOptions{})
	s.outcome("update status from a stale resourceVersion", err)
	patch := []byte(`{"spec":{"replicas":7},"status":{"replicas":4}}`)
	if got, err = s.c.Patch(ctx, "web", types.MergePatchType, patch, metav1.PatchOptions{}, "status"); err != nil {
		return fmt.Errorf("patch status: %w", err)
	}
	s.observe("merge-patch status with a spec change", got)
	if got, err = s.c.Patch(ctx, "web", types.MergePatchType, patch, metav1.PatchOptions{}); err != nil {
		return fmt.Errorf("patch: %w", err)
	}
	s.observe("merge-patch object with a status change", got)
	return nil
}

func (s *deployScenario) scale(ctx context.Context) error {
	var scale autoscalingv1.Scale
	if err := s.c.GetSubresource(ctx, "web", "scale", nil, &scale); err != nil {
		return fmt.Errorf("get scale: %w", err)
	}
	s.logf("scale: spec.replicas %d status.replicas %d selector %q same resourceVersion %v",
		scale.Spec.Replicas, scale.Status.Replicas, scale.Status.Selector, scale.ResourceVersion == s.d.ResourceVersion)
	scale.Spec.Replicas = 4
	var out autoscalingv1.Scale
	if err := s.c.UpdateSubresource(ctx, "web", "scale", &scale, nil, &out); err != nil {
		return fmt.Errorf("update scale: %w", err)
	}
	s.logf("scaled: spec.replicas %d", out.Spec.Replicas)
	s.outcome("update scale from a stale resourceVersion", s.c.UpdateSubresource(ctx, "web", "scale", &scale, nil, &out))
	got, err := s.c.Get(ctx, "web", metav1.GetOptions{})
	if err != nil {
		return err
	}
	s.observe("after scaling", got)
	return s.c.Delete(ctx, "web", metav1.DeleteOptions{})
}

// apply checks that applying the status owns only the status and applying the object only the rest.
func (s *deployScenario) apply(ctx context.Context) error {
	got, err := s.c.Apply(ctx, newDeployment("api", 1), metav1.ApplyOptions{FieldManager: "owner"})
	if err != nil {
		return fmt.Errorf("apply: %w", err)
	}
	s.observe("apply creates", got)
	whole := newDeployment("api", 7)
	whole.Status.Replicas = 1
	got, err = s.c.ApplyStatus(ctx, whole, metav1.ApplyOptions{FieldManager: "controller"})
	s.outcome("another manager applies the status of a whole object", err)
	if err == nil {
		s.observe("after applying the status", got)
	}
	scaled := newDeployment("api", 3)
	scaled.Status.Replicas = 5
	got, err = s.c.Apply(ctx, scaled, metav1.ApplyOptions{FieldManager: "owner"})
	s.outcome("the owner applies the object with a status", err)
	if err == nil {
		s.observe("after applying the object", got)
	}
	return s.c.Delete(ctx, "api", metav1.DeleteOptions{})
}
