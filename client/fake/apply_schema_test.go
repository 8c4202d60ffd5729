package fake_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/client/apply"
	"github.com/kubegen/kubegen/client/fake"
	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/internal/codegen/smdschema/schematest"
)

func apiSchema(t *testing.T) *typed.Parser {
	t.Helper()
	p, err := schematest.Parser("k8s.io/api/apps/v1", "github.com/kubegen/kubegen/examples/crd/apis/stable/v1")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const ownerApply = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["example.com/a"]},
"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
"spec":{"containers":[{"name":"main","image":"main:1"}]}}}}`

const sidecarApply = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","finalizers":["example.com/b"]},
"spec":{"template":{"spec":{"containers":[{"name":"side","image":"side:1"}]}}}}`

func applyPatch(c *deploymentClient, manager, body string, force bool) (*appsv1.Deployment, error) {
	return c.Patch(context.Background(), "web", types.ApplyPatchType, []byte(body), metav1.PatchOptions{FieldManager: manager, Force: &force})
}

func containerNames(d *appsv1.Deployment) []string {
	var names []string
	for _, c := range d.Spec.Template.Spec.Containers {
		names = append(names, c.Name+"="+c.Image)
	}
	return names
}

func ownedFields(t *testing.T, d *appsv1.Deployment, manager string) string {
	t.Helper()
	for _, e := range d.ManagedFields {
		if e.Manager == manager {
			return string(e.FieldsV1.Raw)
		}
	}
	return ""
}

// With the schema, containers merge by name and finalizers as a set across managers; without it,
// the lists are atomic and the second manager conflicts with the first.
func TestApplyMergesListsBySchema(t *testing.T) {
	tr := newTracker(t)
	tr.SetSchema(apiSchema(t))
	c := deployments(tr, "ns")
	if _, err := applyPatch(c, "owner", ownerApply, false); err != nil {
		t.Fatal(err)
	}
	d, err := applyPatch(c, "sidecar", sidecarApply, false)
	if err != nil {
		t.Fatalf("sidecar apply: %v", err)
	}
	if got, want := containerNames(d), []string{"main=main:1", "side=side:1"}; !slices.Equal(got, want) {
		t.Errorf("containers %v, want %v", got, want)
	}
	if got, want := d.Finalizers, []string{"example.com/a", "example.com/b"}; !slices.Equal(got, want) {
		t.Errorf("finalizers %v, want %v", got, want)
	}
	want := `{"f:metadata":{"f:finalizers":{"v:\"example.com/b\"":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"side\"}":{".":{},"f:image":{},"f:name":{}}}}}}}`
	if got := ownedFields(t, d, "sidecar"); got != want {
		t.Errorf("sidecar owns\n%s\nwant\n%s", got, want)
	}

	plain := newTracker(t)
	pc := deployments(plain, "ns")
	if _, err := applyPatch(pc, "owner", ownerApply, false); err != nil {
		t.Fatal(err)
	}
	if _, err := applyPatch(pc, "sidecar", sidecarApply, false); !apierrors.IsConflict(err) {
		t.Errorf("without a schema the lists are atomic and the sidecar conflicts; got %v", err)
	}
}

// A second manager takes spec.replicas by force; Extract gives each manager exactly its fields, and
// applying an extracted configuration changed in one field leaves the other managers' fields alone.
func TestApplyConflictForceAndExtract(t *testing.T) {
	tr := newTracker(t)
	p := apiSchema(t)
	tr.SetSchema(p)
	c := deployments(tr, "ns")
	if _, err := applyPatch(c, "owner", ownerApply, false); err != nil {
		t.Fatal(err)
	}
	scale := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}`
	if _, err := applyPatch(c, "scaler", scale, false); !apierrors.IsConflict(err) {
		t.Fatalf("scaler without force: %v, want Conflict", err)
	}
	d, err := applyPatch(c, "scaler", scale, true)
	if err != nil {
		t.Fatal(err)
	}
	if *d.Spec.Replicas != 3 || ownedFields(t, d, "scaler") != `{"f:spec":{"f:replicas":{}}}` {
		t.Errorf("after force: replicas %d, scaler owns %s", *d.Spec.Replicas, ownedFields(t, d, "scaler"))
	}
	if strings.Contains(ownedFields(t, d, "owner"), "f:replicas") {
		t.Errorf("owner still owns replicas: %s", ownedFields(t, d, "owner"))
	}

	cfg, err := apply.Extract[map[string]any](d, p.Type("io.k8s.api.apps.v1.Deployment"), deployGVK, "owner", "")
	if err != nil {
		t.Fatal(err)
	}
	spec := (*cfg)["spec"].(map[string]any)
	if _, has := spec["replicas"]; has {
		t.Errorf("extracted owner config has replicas, which the scaler owns: %v", spec)
	}
	spec["template"].(map[string]any)["spec"].(map[string]any)["containers"].([]any)[0].(map[string]any)["image"] = "main:2"
	body, _ := json.Marshal(*cfg)
	before := ownedFields(t, d, "owner")
	d, err = applyPatch(c, "owner", string(body), false)
	if err != nil {
		t.Fatalf("re-applying the extracted config: %v", err)
	}
	if *d.Spec.Replicas != 3 || d.Spec.Template.Spec.Containers[0].Image != "main:2" {
		t.Errorf("after round trip: replicas %d image %s", *d.Spec.Replicas, d.Spec.Template.Spec.Containers[0].Image)
	}
	if got := ownedFields(t, d, "owner"); got != before {
		t.Errorf("owner's fields changed by the round trip:\n%s\nwas\n%s", got, before)
	}
}

// A custom resource with a kubegen-generated Go type applies with the schema derived from it.
func TestApplyCustomResourceWithSchema(t *testing.T) {
	s := newScheme(t)
	if err := stablev1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	tr, err := fake.NewTracker(s)
	if err != nil {
		t.Fatal(err)
	}
	tr.SetSchema(apiSchema(t))
	gv := stablev1.SchemeGroupVersion
	c := fake.NewClient(tr, gv.WithResource("crontabs"), gv.WithKind("CronTab"), "ns",
		func() *stablev1.CronTab { return &stablev1.CronTab{} }, func() *stablev1.CronTabList { return &stablev1.CronTabList{} },
		fake.AsCustomResource(), fake.WithStatusSubresource())
	body := `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"ct"},"spec":{"cronSpec":"@daily","image":"x"}}`
	if _, err := c.Patch(context.Background(), "ct", types.ApplyPatchType, []byte(body), metav1.PatchOptions{FieldManager: "owner"}); err != nil {
		t.Fatal(err)
	}
	status := `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"ct"},"status":{"replicas":2}}`
	got, err := c.Patch(context.Background(), "ct", types.ApplyPatchType, []byte(status), metav1.PatchOptions{FieldManager: "ctl"}, "status")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.Replicas != 2 || got.Spec.Image != "x" {
		t.Errorf("status apply: %+v %+v", got.Spec, got.Status)
	}
	cfg, err := apply.Extract[stablev1.CronTab](got, apiSchema(t).Type("com.github.kubegen.kubegen.examples.crd.apis.stable.v1.CronTab"),
		gv.WithKind("CronTab"), "ctl", "status")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Status.Replicas != 2 || cfg.Spec.Image != "" {
		t.Errorf("Extract of ctl's status: %+v", cfg)
	}
}
