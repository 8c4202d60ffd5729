package fake_test

import (
	"context"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func scaleTo(replicas int32) *autoscalingv1.Scale {
	return &autoscalingv1.Scale{TypeMeta: metav1.TypeMeta{APIVersion: "autoscaling/v1", Kind: "Scale"},
		ObjectMeta: metav1.ObjectMeta{Name: "web"}, Spec: autoscalingv1.ScaleSpec{Replicas: replicas}}
}

// TestApplyScale: server-side apply through the scale subresource changes spec.replicas only, gives
// the manager a managedFields entry of subresource scale, conflicts with the manager that owns
// replicas unless forced, and takes a resourceVersion as precondition.
func TestApplyScale(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	d := deployment("web", 2)
	d.TypeMeta = metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"}
	created, err := c.Apply(ctx, d, metav1.ApplyOptions{FieldManager: "owner"})
	if err != nil {
		t.Fatal(err)
	}
	var out autoscalingv1.Scale
	err = c.ApplySubresource(ctx, "web", "scale", scaleTo(5), metav1.ApplyOptions{FieldManager: "scaler"}, &out)
	if !apierrors.IsConflict(err) {
		t.Fatalf("apply of replicas owned by another manager: %v, want Conflict", err)
	}
	if err := c.ApplySubresource(ctx, "web", "scale", scaleTo(5), metav1.ApplyOptions{FieldManager: "scaler", Force: true}, &out); err != nil {
		t.Fatal(err)
	}
	got, err := c.Get(ctx, "web", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Spec.Replicas != 5 || *got.Spec.Replicas != 5 || out.Status.Selector != "app=web" {
		t.Errorf("after apply: scale %+v, deployment replicas %d", out, *got.Spec.Replicas)
	}
	if len(got.Spec.Template.Spec.Containers) != 1 {
		t.Errorf("applying the scale changed the rest of the spec: %+v", got.Spec)
	}
	var scaler *metav1.ManagedFieldsEntry
	for i, e := range got.ManagedFields {
		if e.Manager == "scaler" {
			scaler = &got.ManagedFields[i]
		}
	}
	if scaler == nil || scaler.Subresource != "scale" || scaler.Operation != metav1.ManagedFieldsOperationApply {
		t.Errorf("managedFields %+v: want an Apply entry of scaler for subresource scale", got.ManagedFields)
	}

	stale := scaleTo(7)
	stale.ResourceVersion = created.ResourceVersion // before the forced apply
	if err := c.ApplySubresource(ctx, "web", "scale", stale, metav1.ApplyOptions{FieldManager: "scaler"}, &out); !apierrors.IsConflict(err) {
		t.Errorf("apply with a stale resourceVersion: %v, want Conflict", err)
	}
}

// TestApplySubresourceErrors: the fake answers bad applies as the apiserver does.
func TestApplySubresourceErrors(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	mustCreateDeployment(t, c, deployment("web", 2))
	var out autoscalingv1.Scale
	tests := []struct {
		name        string
		object      string
		subresource string
		body        *autoscalingv1.Scale
		opts        metav1.ApplyOptions
		check       func(error) bool
	}{
		{"no field manager", "web", "scale", scaleTo(3), metav1.ApplyOptions{}, apierrors.IsInvalid},
		{"no apiVersion and kind", "web", "scale", &autoscalingv1.Scale{}, metav1.ApplyOptions{FieldManager: "m"}, apierrors.IsBadRequest},
		{"no such object", "nosuch", "scale", scaleTo(3), metav1.ApplyOptions{FieldManager: "m"}, apierrors.IsNotFound},
		{"no such subresource", "web", "nosuch", scaleTo(3), metav1.ApplyOptions{FieldManager: "m"}, apierrors.IsNotFound},
		{"nil body", "web", "scale", nil, metav1.ApplyOptions{FieldManager: "m"}, apierrors.IsBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := c.ApplySubresource(ctx, tc.object, tc.subresource, tc.body, tc.opts, &out)
			if !tc.check(err) {
				t.Errorf("error %v", err)
			}
		})
	}
}

// TestApplyStatusSubresource: ApplySubresource of "status" is ApplyStatus.
func TestApplyStatusSubresource(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	mustCreateDeployment(t, c, deployment("web", 2))
	d := deployment("web", 2)
	d.TypeMeta = metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"}
	d.Status.ReadyReplicas = 2
	var out = d.DeepCopy()
	if err := c.ApplySubresource(ctx, "web", "status", d, metav1.ApplyOptions{FieldManager: "kubelet"}, out); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Get(ctx, "web", metav1.GetOptions{})
	if got.Status.ReadyReplicas != 2 || out.Status.ReadyReplicas != 2 {
		t.Errorf("status after apply: %+v, answer %+v", got.Status, out.Status)
	}
	if err := c.ApplySubresource(ctx, "other", "status", d, metav1.ApplyOptions{FieldManager: "kubelet"}, out); !apierrors.IsBadRequest(err) {
		t.Errorf("name mismatch: %v, want BadRequest", err)
	}
}
