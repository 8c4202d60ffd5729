package fake_test

import (
	"context"
	"net/http"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/fake"
)

func TestPatchTypes(t *testing.T) {
	tests := []struct {
		name     string
		pt       types.PatchType
		patch    string
		want     map[string]string
		wantCode int32
	}{
		{"merge", types.MergePatchType, `{"data":{"k":null,"n":"1"}}`, map[string]string{"n": "1"}, 0},
		{"json add", types.JSONPatchType, `[{"op":"add","path":"/data/x~1y","value":"2"}]`, map[string]string{"k": "v", "x/y": "2"}, 0},
		{"json test fails", types.JSONPatchType, `[{"op":"test","path":"/data/k","value":"no"}]`, nil, http.StatusUnprocessableEntity},
		{"json malformed", types.JSONPatchType, `{`, nil, http.StatusBadRequest},
		{"strategic", types.StrategicMergePatchType, `{"data":{"n":"3"}}`, map[string]string{"k": "v", "n": "3"}, 0},
		{"merge sets stale resourceVersion", types.MergePatchType, `{"metadata":{"resourceVersion":"1"},"data":{"n":"1"}}`, nil, http.StatusConflict},
		{"renames", types.MergePatchType, `{"metadata":{"name":"other"}}`, nil, http.StatusBadRequest},
		{"unknown type", types.PatchType("text/plain"), `x`, nil, http.StatusUnsupportedMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := newTracker(t)
			c := configMaps(tr, "ns")
			mustCreate(t, c, cm("ns", "filler", nil))
			before := mustCreate(t, c, cm("ns", "a", nil))
			got, err := c.Patch(context.Background(), "a", tt.pt, []byte(tt.patch), metav1.PatchOptions{})
			if tt.wantCode != 0 {
				if apierrors.ReasonForError(err) == metav1.StatusReasonUnknown || errCode(err) != tt.wantCode {
					t.Fatalf("got %v (code %d), want code %d", err, errCode(err), tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !equalMaps(got.Data, tt.want) || got.ResourceVersion == before.ResourceVersion || got.UID != before.UID {
				t.Errorf("got data %v rv %s uid %s, want %v, a new rv, the same uid", got.Data, got.ResourceVersion, got.UID, tt.want)
			}
		})
	}
}

func errCode(err error) int32 {
	if s, ok := err.(apierrors.APIStatus); ok {
		return s.Status().Code
	}
	return 0
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			return false
		}
	}
	return true
}

func TestStrategicMergePatchMergesListsByKey(t *testing.T) {
	c := deployments(newTracker(t), "ns")
	mustCreateDeployment(t, c, deployment("web", 1))
	patch := `{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy"}]}}}}`
	got, err := c.Patch(context.Background(), "web", types.StrategicMergePatchType, []byte(patch), metav1.PatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.Spec.Template.Spec.Containers); n != 2 || got.Generation != 2 {
		t.Errorf("containers %d generation %d: want 2 (merged by name) and 2", n, got.Generation)
	}
}

func TestPatchStatusSubresource(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	mustCreateDeployment(t, c, deployment("web", 1))
	patch := []byte(`{"spec":{"replicas":5},"status":{"replicas":4}}`)
	main, err := c.Patch(ctx, "web", types.MergePatchType, patch, metav1.PatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if *main.Spec.Replicas != 5 || main.Status.Replicas != 0 {
		t.Errorf("main patch: spec %d status %d, want 5 and 0", *main.Spec.Replicas, main.Status.Replicas)
	}
	patch = []byte(`{"spec":{"replicas":9},"status":{"replicas":4}}`)
	status, err := c.Patch(ctx, "web", types.MergePatchType, patch, metav1.PatchOptions{}, "status")
	if err != nil {
		t.Fatal(err)
	}
	if *status.Spec.Replicas != 5 || status.Status.Replicas != 4 {
		t.Errorf("status patch: spec %d status %d, want 5 and 4", *status.Spec.Replicas, status.Status.Replicas)
	}
	if _, err := c.Patch(ctx, "missing", types.MergePatchType, patch, metav1.PatchOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("patching a missing object: %v", err)
	}
}

func TestApply(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	as := func(manager string, force bool) metav1.ApplyOptions {
		return metav1.ApplyOptions{FieldManager: manager, Force: force}
	}
	if _, err := c.Apply(ctx, deployment("web", 1), metav1.ApplyOptions{}); !apierrors.IsInvalid(err) {
		t.Fatalf("apply without a field manager: got %v, want Invalid", err)
	}
	created, err := c.Apply(ctx, deployment("web", 1), as("owner", false))
	if err != nil {
		t.Fatal(err)
	}
	if created.UID == "" || created.Namespace != "ns" || created.Generation != 1 || len(created.ManagedFields) != 1 {
		t.Fatalf("apply-create: %+v", created.ObjectMeta)
	}
	// Another manager adds a label: the owner's fields stay.
	labels := func(kv ...string) *appsv1.Deployment {
		d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web", Labels: map[string]string{}}}
		for i := 0; i < len(kv); i += 2 {
			d.Labels[kv[i]] = kv[i+1]
		}
		return d
	}
	applied, err := c.Apply(ctx, labels("team", "a"), as("labeler", false))
	if err != nil {
		t.Fatal(err)
	}
	if applied.Labels["team"] != "a" || *applied.Spec.Replicas != 1 || len(applied.ManagedFields) != 2 {
		t.Fatalf("second manager: labels %v replicas %d managers %d", applied.Labels, *applied.Spec.Replicas, len(applied.ManagedFields))
	}
	// Changing a field another manager owns is a conflict unless forced.
	scaled := deployment("web", 5)
	scaled.Spec = appsv1.DeploymentSpec{Replicas: scaled.Spec.Replicas}
	if _, err := c.Apply(ctx, scaled, as("scaler", false)); !apierrors.IsConflict(err) {
		t.Fatalf("apply of an owned field: got %v, want Conflict", err)
	}
	forced, err := c.Apply(ctx, scaled, as("scaler", true))
	if err != nil || *forced.Spec.Replicas != 5 || forced.Generation != 2 {
		t.Fatalf("forced apply: %v, replicas %d generation %d", err, *forced.Spec.Replicas, forced.Generation)
	}
	// A manager that stops applying a field removes it.
	relabeled, err := c.Apply(ctx, labels("tier", "web"), as("labeler", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, kept := relabeled.Labels["team"]; kept || relabeled.Labels["tier"] != "web" {
		t.Errorf("labels %v: want team removed and tier added", relabeled.Labels)
	}
	status := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: "web"}, Status: appsv1.DeploymentStatus{Replicas: 3}}
	withStatus, err := c.ApplyStatus(ctx, status, as("controller", false))
	if err != nil {
		t.Fatal(err)
	}
	if withStatus.Status.Replicas != 3 || *withStatus.Spec.Replicas != 5 || withStatus.Labels["tier"] != "web" {
		t.Errorf("apply status: status %d replicas %d labels %v", withStatus.Status.Replicas, *withStatus.Spec.Replicas, withStatus.Labels)
	}
	stale := labels("tier", "web")
	stale.ResourceVersion = created.ResourceVersion
	if _, err := c.Apply(ctx, stale, as("labeler", false)); !apierrors.IsConflict(err) {
		t.Errorf("apply with a stale resourceVersion: got %v, want Conflict", err)
	}
}

func TestCustomResourceRefusesStrategicMerge(t *testing.T) {
	tr := newTracker(t)
	c := fake.NewClient(tr, cmGVR, cmGVK, "ns",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} },
		fake.AsCustomResource())
	mustCreate(t, c, cm("ns", "a", nil))
	_, err := c.Patch(context.Background(), "a", types.StrategicMergePatchType, []byte(`{}`), metav1.PatchOptions{})
	if !apierrors.IsUnsupportedMediaType(err) {
		t.Fatalf("got %v, want 415", err)
	}
	got, err := c.Apply(context.Background(), cm("ns", "a", map[string]string{"x": "y"}), metav1.ApplyOptions{FieldManager: "m"})
	if err != nil || got.Labels["x"] != "y" {
		t.Fatalf("apply to a custom resource: %v %v", err, got.Labels)
	}
}

func TestApplyPatchFromYAML(t *testing.T) {
	ctx := context.Background()
	c := configMaps(newTracker(t), "ns")
	yaml := []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  labels:\n    from: yaml\ndata:\n  k: v\n")
	got, err := c.Patch(ctx, "cfg", types.ApplyPatchType, yaml, metav1.PatchOptions{FieldManager: "yaml", Force: new(true)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Labels["from"] != "yaml" || got.Data["k"] != "v" || got.ManagedFields[0].Manager != "yaml" {
		t.Errorf("applied from YAML: %+v", got)
	}
	wrongKind := []byte("apiVersion: v1\nkind: Secret\nmetadata:\n  name: cfg\n")
	if _, err := c.Patch(ctx, "cfg", types.ApplyPatchType, wrongKind, metav1.PatchOptions{FieldManager: "yaml"}); !apierrors.IsBadRequest(err) {
		t.Errorf("apply of another kind: %v", err)
	}
	if _, err := c.Patch(ctx, "cfg", types.ApplyPatchType, []byte("{{{"), metav1.PatchOptions{FieldManager: "yaml"}); !apierrors.IsBadRequest(err) {
		t.Errorf("malformed apply patch: %v", err)
	}
}

// Applying the status does not make its manager own spec fields that happen to be in the applied
// object, and applying the object does not make its manager own the status.
func TestApplyStatusOwnsOnlyStatus(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	if _, err := c.Apply(ctx, deployment("web", 1), metav1.ApplyOptions{FieldManager: "owner"}); err != nil {
		t.Fatal(err)
	}
	withStatus := deployment("web", 7) // a whole object, spec included, as controllers often send
	withStatus.Status.Replicas = 1
	got, err := c.ApplyStatus(ctx, withStatus, metav1.ApplyOptions{FieldManager: "controller"})
	if err != nil {
		t.Fatal(err)
	}
	if *got.Spec.Replicas != 1 || got.Status.Replicas != 1 {
		t.Fatalf("apply status: spec.replicas %d status.replicas %d, want 1 and 1", *got.Spec.Replicas, got.Status.Replicas)
	}
	scaled := deployment("web", 3)
	scaled.Status.Replicas = 5
	got, err = c.Apply(ctx, scaled, metav1.ApplyOptions{FieldManager: "owner"})
	if err != nil {
		t.Fatalf("owner's apply conflicted with the status manager: %v", err)
	}
	if *got.Spec.Replicas != 3 || got.Status.Replicas != 1 {
		t.Errorf("apply: spec.replicas %d status.replicas %d, want 3 and 1", *got.Spec.Replicas, got.Status.Replicas)
	}
}
