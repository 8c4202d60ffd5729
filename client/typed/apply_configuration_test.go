package typed_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/typed"
)

// deployConfig stands for a generated DeploymentApplyConfiguration.
type deployConfig struct {
	APIVersion string `json:"apiVersion,omitempty"`
	Kind       string `json:"kind,omitempty"`
	Metadata   *struct {
		Name *string `json:"name,omitempty"`
	} `json:"metadata,omitempty"`
	Spec *struct {
		Replicas *int32 `json:"replicas,omitempty"`
	} `json:"spec,omitempty"`
}

func (c *deployConfig) GetName() *string {
	if c == nil || c.Metadata == nil {
		return nil
	}
	return c.Metadata.Name
}

// TestClientWithApply: Apply sends the configuration's JSON as it is (only the fields set: no
// selector, template or status of a Go struct's zero values) as an apply patch to the name it sets,
// ApplyStatus to the status subresource; nil, nameless and manager-less configurations fail before
// any request.
func TestClientWithApply(t *testing.T) {
	ctx := context.Background()
	s := newServer(t)
	c := typed.NewClientWithApply[*appsv1.Deployment, *appsv1.DeploymentList, *deployConfig]("deployments",
		restClient(t, s.URL, appsv1.SchemeGroupVersion), nil, "ns",
		func() *appsv1.Deployment { return &appsv1.Deployment{} }, func() *appsv1.DeploymentList { return &appsv1.DeploymentList{} })
	name, replicas := "web", int32(3)
	cfg := &deployConfig{APIVersion: "apps/v1", Kind: "Deployment"}
	cfg.Metadata = &struct {
		Name *string `json:"name,omitempty"`
	}{Name: &name}
	cfg.Spec = &struct {
		Replicas *int32 `json:"replicas,omitempty"`
	}{Replicas: &replicas}
	got, err := c.Apply(ctx, cfg, metav1.ApplyOptions{FieldManager: "m", Force: true})
	if err != nil || got.Name != "web" {
		t.Fatalf("Apply: %v %+v", err, got)
	}
	req := s.last(t)
	want := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}`
	if req.Method != "PATCH" || req.Path != "/apis/apps/v1/namespaces/ns/deployments/web" ||
		req.ContentType != "application/apply-patch+yaml" || string(req.Body) != want {
		t.Errorf("request %s %s %s %s, want PATCH of %s as an apply patch", req.Method, req.Path, req.ContentType, req.Body, want)
	}
	if _, err := c.ApplyStatus(ctx, cfg, metav1.ApplyOptions{FieldManager: "m"}); err != nil {
		t.Fatal(err)
	}
	if req := s.last(t); req.Path != "/apis/apps/v1/namespaces/ns/deployments/web/status" {
		t.Errorf("ApplyStatus path %s", req.Path)
	}
	sent := s.count()
	if _, err := c.Apply(ctx, nil, metav1.ApplyOptions{FieldManager: "m"}); !errors.Is(err, typed.ErrNilApplyConfiguration) {
		t.Errorf("Apply(nil): %v, want ErrNilApplyConfiguration", err)
	}
	if _, err := c.Apply(ctx, &deployConfig{}, metav1.ApplyOptions{FieldManager: "m"}); err == nil || !strings.Contains(err.Error(), "name") {
		t.Errorf("Apply without a name: %v", err)
	}
	if _, err := c.ApplyStatus(ctx, cfg, metav1.ApplyOptions{}); !errors.Is(err, typed.ErrFieldManagerRequired) {
		t.Errorf("ApplyStatus without FieldManager: %v, want ErrFieldManagerRequired", err)
	}
	if n := s.count(); n != sent {
		t.Errorf("%d refused applies were sent", n-sent)
	}
}
