package fake_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/client/typed"
)

// cmConfig stands for a generated ConfigMapApplyConfiguration: pointer fields, omitempty.
type cmConfig struct {
	APIVersion *string `json:"apiVersion,omitempty"`
	Kind       *string `json:"kind,omitempty"`
	Metadata   *struct {
		Name      *string `json:"name,omitempty"`
		Namespace *string `json:"namespace,omitempty"`
	} `json:"metadata,omitempty"`
	Data map[string]string `json:"data,omitempty"`
}

func (c *cmConfig) GetName() *string {
	if c == nil || c.Metadata == nil {
		return nil
	}
	return c.Metadata.Name
}

func cmApply(name string, data map[string]string) *cmConfig {
	v, k := "v1", "ConfigMap"
	c := &cmConfig{APIVersion: &v, Kind: &k, Data: data}
	c.Metadata = &struct {
		Name      *string `json:"name,omitempty"`
		Namespace *string `json:"namespace,omitempty"`
	}{Name: &name}
	return c
}

// TestClientWithApply: apply configurations are applied as the JSON they encode, so two managers
// each own their keys of data; nil, nameless and manager-less configurations fail with the typed
// client's errors before the tracker sees them (no action recorded).
func TestClientWithApply(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := fake.NewClientWithApply[*corev1.ConfigMap, *corev1.ConfigMapList, *cmConfig](tr, cmGVR, cmGVK, "ns",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} }, func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
	if _, err := c.Apply(ctx, cmApply("cm", map[string]string{"a": "1"}), metav1.ApplyOptions{FieldManager: "one"}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Apply(ctx, cmApply("cm", map[string]string{"b": "2"}), metav1.ApplyOptions{FieldManager: "two"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Data["a"] != "1" || got.Data["b"] != "2" || got.Name != "cm" || got.Namespace != "ns" {
		t.Errorf("after two managers applied: %+v", got)
	}
	if _, err := c.Apply(ctx, cmApply("cm", map[string]string{"a": "x"}), metav1.ApplyOptions{FieldManager: "two"}); err == nil {
		t.Error("taking over another manager's key without force succeeded")
	}
	before := len(tr.Actions())
	for name, tc := range map[string]struct {
		cfg  *cmConfig
		opts metav1.ApplyOptions
		want string
	}{
		"nil":        {nil, metav1.ApplyOptions{FieldManager: "m"}, typed.ErrNilApplyConfiguration.Error()},
		"no name":    {&cmConfig{}, metav1.ApplyOptions{FieldManager: "m"}, "requires the configuration's name"},
		"no manager": {cmApply("cm", nil), metav1.ApplyOptions{}, typed.ErrFieldManagerRequired.Error()},
	} {
		_, err := c.Apply(ctx, tc.cfg, tc.opts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", name, err, tc.want)
		}
	}
	if _, err := c.ApplyStatus(ctx, nil, metav1.ApplyOptions{FieldManager: "m"}); !errors.Is(err, typed.ErrNilApplyConfiguration) {
		t.Errorf("ApplyStatus(nil): %v", err)
	}
	if n := len(tr.Actions()); n != before {
		t.Errorf("refused applies reached the tracker: %d actions recorded", n-before)
	}
}

// TestApplySubresourceConfiguration: a Scale given as JSON-encodable configuration scales the object.
func TestApplySubresourceConfiguration(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	d := deployment("web", 2)
	d.TypeMeta = metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"}
	if _, err := c.Apply(ctx, d, metav1.ApplyOptions{FieldManager: "owner"}); err != nil {
		t.Fatal(err)
	}
	scale := map[string]any{"apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": map[string]any{"name": "web"}, "spec": map[string]any{"replicas": 4}}
	var out autoscalingv1.Scale
	if err := c.ApplySubresourceConfiguration(ctx, "web", "scale", scale, metav1.ApplyOptions{FieldManager: "scaler", Force: true}, &out); err != nil {
		t.Fatal(err)
	}
	if out.Spec.Replicas != 4 {
		t.Errorf("scale after apply: %+v", out)
	}
}
