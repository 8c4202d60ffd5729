package fake_test

import (
	"context"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestUpdateOptimisticConcurrency(t *testing.T) {
	ctx := context.Background()
	c := configMaps(newTracker(t), "ns")
	v1 := mustCreate(t, c, cm("ns", "a", nil))

	v1.Data["k"] = "v2"
	v2, err := c.Update(ctx, v1, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if v2.ResourceVersion == v1.ResourceVersion {
		t.Fatal("update did not change the resourceVersion")
	}
	v1.Data["k"] = "stale"
	if _, err := c.Update(ctx, v1, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Fatalf("stale update: got %v, want Conflict", err)
	}
	v1.ResourceVersion = ""
	v3, err := c.Update(ctx, v1, metav1.UpdateOptions{})
	if err != nil || v3.Data["k"] != "stale" {
		t.Fatalf("unconditional update: %v, data %v", err, v3.Data)
	}
	if v3.UID != v2.UID || !v3.CreationTimestamp.Equal(&v2.CreationTimestamp) {
		t.Error("update lost uid or creationTimestamp")
	}
	v4, err := c.Update(ctx, v3, metav1.UpdateOptions{})
	if err != nil || v4.ResourceVersion != v3.ResourceVersion {
		t.Errorf("no-op update: err %v, resourceVersion %s -> %s, want unchanged", err, v3.ResourceVersion, v4.ResourceVersion)
	}
}

func TestUpdateErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*appsv1.Deployment)
		want   func(error) bool
	}{
		{"missing", func(d *appsv1.Deployment) { d.Name = "missing" }, apierrors.IsNotFound},
		{"no name", func(d *appsv1.Deployment) { d.Name = "" }, apierrors.IsBadRequest},
		{"other uid", func(d *appsv1.Deployment) { d.UID = "other" }, apierrors.IsConflict},
		{"namespace mismatch", func(d *appsv1.Deployment) { d.Namespace = "other" }, apierrors.IsBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := deployments(newTracker(t), "ns")
			d := mustCreateDeployment(t, c, deployment("web", 1))
			tt.mutate(d)
			if _, err := c.Update(context.Background(), d, metav1.UpdateOptions{}); !tt.want(err) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

func TestStatusSubresourceSeparation(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	in := deployment("web", 1)
	in.Status.Replicas = 7
	created := mustCreateDeployment(t, c, in)
	if created.Status.Replicas != 0 || created.Generation != 1 {
		t.Fatalf("create: status.replicas %d generation %d, want 0 and 1", created.Status.Replicas, created.Generation)
	}

	created.Status.Replicas = 3
	*created.Spec.Replicas = 2
	updated, err := c.Update(ctx, created, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Status.Replicas != 0 || *updated.Spec.Replicas != 2 || updated.Generation != 2 {
		t.Fatalf("update: status.replicas %d spec.replicas %d generation %d, want 0, 2, 2",
			updated.Status.Replicas, *updated.Spec.Replicas, updated.Generation)
	}

	updated.Status.Replicas = 2
	*updated.Spec.Replicas = 9
	updated.Labels = map[string]string{"ignored": "true"}
	status, err := c.UpdateStatus(ctx, updated, metav1.UpdateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if status.Status.Replicas != 2 || *status.Spec.Replicas != 2 || status.Labels != nil || status.Generation != 2 {
		t.Fatalf("status update: status.replicas %d spec.replicas %d labels %v generation %d, want 2, 2, none, 2",
			status.Status.Replicas, *status.Spec.Replicas, status.Labels, status.Generation)
	}
	if _, err := c.UpdateStatus(ctx, updated, metav1.UpdateOptions{}); !apierrors.IsConflict(err) {
		t.Fatalf("stale status update: got %v, want Conflict", err)
	}

	status.Labels = map[string]string{"team": "a"}
	relabeled, err := c.Update(ctx, status, metav1.UpdateOptions{})
	if err != nil || relabeled.Generation != 2 {
		t.Fatalf("metadata-only update: err %v generation %d, want 2", err, relabeled.Generation)
	}
}

func TestUpdateStatusWithoutSubresource(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	obj := mustCreate(t, c, cm("ns", "a", nil))
	if _, err := c.UpdateStatus(context.Background(), obj, metav1.UpdateOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("got %v, want NotFound for a resource without status", err)
	}
}

func TestDryRun(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	dry := []string{metav1.DryRunAll}
	if _, err := c.Create(ctx, cm("ns", "a", nil), metav1.CreateOptions{DryRun: dry}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, "a", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("dry-run create stored the object: %v", err)
	}
	obj := mustCreate(t, c, cm("ns", "a", nil))
	rv := tr.ResourceVersion()
	obj.Data["k"] = "changed"
	if _, err := c.Update(ctx, obj, metav1.UpdateOptions{DryRun: dry}); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, "a", metav1.DeleteOptions{DryRun: dry}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Get(ctx, "a", metav1.GetOptions{})
	if err != nil || got.Data["k"] != "v" || tr.ResourceVersion() != rv {
		t.Fatalf("dry runs wrote: err %v data %v rv %s (was %s)", err, got.Data, tr.ResourceVersion(), rv)
	}
}
