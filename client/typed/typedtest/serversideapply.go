package typedtest

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/client/apply"
)

// ServerSideApply runs the server-side apply scenario on a Deployment in the client's namespace:
// an owner applies it, a second manager applies only spec.replicas (conflict, then force), the owner
// extracts its configuration, changes the image and applies it back, a sidecar manager merges a
// container by name and a finalizer into the set, then stops applying them, and a controller applies
// the status. deployment is the Deployment's type in the schema, for Extract. Each step records the
// fields the scenario set and every managedFields entry (manager, operation, apiVersion,
// subresource, fieldsV1; whether a time is set), which the fake must write as the apiserver does.
func ServerSideApply(ctx context.Context, c DeploymentClient, deployment typed.ParseableType) (Transcript, error) {
	s := &ssaScenario{c: c, typ: deployment}
	steps := []func(context.Context) error{s.scale, s.roundTrip, s.sidecar, s.status}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return s.lines, err
		}
	}
	return s.lines, nil
}

type ssaScenario struct {
	recorder
	c   DeploymentClient
	typ typed.ParseableType
}

const ssaOwner = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa","labels":{"app":"ssa"},"finalizers":["example.com/a"]},
"spec":{"selector":{"matchLabels":{"app":"ssa"}},"template":{"metadata":{"labels":{"app":"ssa"}},
"spec":{"containers":[{"name":"main","image":"main:1","ports":[{"containerPort":80}]}]}}}}`

func (s *ssaScenario) apply(ctx context.Context, step, manager, body string, force bool, subresource ...string) (*appsv1.Deployment, error) {
	d, err := s.c.Patch(ctx, "ssa", types.ApplyPatchType, []byte(body), metav1.PatchOptions{FieldManager: manager, Force: &force}, subresource...)
	s.outcome(step, err)
	if err == nil {
		s.observe(step, d)
	}
	return d, err
}

// observe records what the scenario set and who owns what.
func (s *ssaScenario) observe(step string, d *appsv1.Deployment) {
	var containers []string
	for _, c := range d.Spec.Template.Spec.Containers {
		containers = append(containers, c.Name+"="+c.Image)
	}
	// An unowned spec.replicas is the apiserver's default, which the fake does not set.
	replicas := "unowned"
	if d.Spec.Replicas != nil && replicasOwned(d) {
		replicas = fmt.Sprint(*d.Spec.Replicas)
	}
	s.logf("%s: replicas %s containers %v finalizers %v labels %v status.replicas %d",
		step, replicas, containers, d.Finalizers, d.Labels, d.Status.Replicas)
	entries := append([]metav1.ManagedFieldsEntry(nil), d.ManagedFields...)
	sort.Slice(entries, func(i, j int) bool {
		return entries[i].Manager+entries[i].Subresource < entries[j].Manager+entries[j].Subresource
	})
	for _, e := range entries {
		fields := ""
		if e.FieldsV1 != nil {
			fields = string(e.FieldsV1.Raw)
		}
		s.logf("%s: managedFields %s %s %s subresource %q %s time set %v: %s",
			step, e.Manager, e.Operation, e.APIVersion, e.Subresource, e.FieldsType, e.Time != nil, fields)
	}
}

func (s *ssaScenario) get(ctx context.Context) (*appsv1.Deployment, error) {
	return s.c.Get(ctx, "ssa", metav1.GetOptions{})
}

// scale: a second manager applies only spec.replicas.
func (s *ssaScenario) scale(ctx context.Context) error {
	if _, err := s.apply(ctx, "owner applies", "owner", ssaOwner, false); err != nil {
		return err
	}
	replicas := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa"},"spec":{"replicas":%d}}`
	_, _ = s.apply(ctx, "scaler applies only spec.replicas", "scaler", fmt.Sprintf(replicas, 3), false)
	_, _ = s.apply(ctx, "owner applies replicas the scaler owns", "owner",
		strings.Replace(ssaOwner, `"spec":{`, `"spec":{"replicas":5,`, 1), false)
	_, err := s.apply(ctx, "owner forces replicas", "owner", strings.Replace(ssaOwner, `"spec":{`, `"spec":{"replicas":5,`, 1), true)
	if err != nil {
		return err
	}
	// The scaler takes replicas back by force (the owner letting go of them would leave them to the
	// apiserver's defaulting, which the fake does not do).
	_, err = s.apply(ctx, "scaler forces replicas back", "scaler", fmt.Sprintf(replicas, 2), true)
	return err
}

// extract records a manager's extracted configuration and returns it.
func (s *ssaScenario) extract(step, manager, subresource string, d *appsv1.Deployment) (map[string]any, error) {
	cfg, err := apply.Extract[map[string]any](d, s.typ, appsv1.SchemeGroupVersion.WithKind("Deployment"), manager, subresource)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", step, err)
	}
	js, _ := json.Marshal(*cfg)
	s.logf("%s: %s", step, js)
	return *cfg, nil
}

// roundTrip: Extract, change the image, apply back.
func (s *ssaScenario) roundTrip(ctx context.Context) error {
	d, err := s.get(ctx)
	if err != nil {
		return err
	}
	if _, err := s.extract("extract scaler", "scaler", "", d); err != nil {
		return err
	}
	cfg, err := s.extract("extract owner", "owner", "", d)
	if err != nil {
		return err
	}
	spec, _ := cfg["spec"].(map[string]any)
	tmpl, _ := spec["template"].(map[string]any)
	podSpec, _ := tmpl["spec"].(map[string]any)
	containers, _ := podSpec["containers"].([]any)
	if len(containers) != 1 {
		return fmt.Errorf("extract owner: containers %v", containers)
	}
	containers[0].(map[string]any)["image"] = "main:2"
	body, _ := json.Marshal(cfg)
	_, err = s.apply(ctx, "owner applies its extracted configuration with a new image", "owner", string(body), false)
	return err
}

// sidecar: a container merged by name and a finalizer merged into the set, then given up.
func (s *ssaScenario) sidecar(ctx context.Context) error {
	body := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa","finalizers":["example.com/b"]},
"spec":{"template":{"spec":{"containers":[{"name":"side","image":"side:1"}]}}}}`
	if _, err := s.apply(ctx, "sidecar adds a container and a finalizer", "sidecar", body, false); err != nil {
		return err
	}
	_, err := s.apply(ctx, "sidecar applies nothing", "sidecar", `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa"}}`, false)
	return err
}

// status: a controller applies the status subresource; Extract of the status.
func (s *ssaScenario) status(ctx context.Context) error {
	d, err := s.apply(ctx, "controller applies the status", "controller",
		`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"ssa"},"status":{"replicas":2,"observedGeneration":1}}`, false, "status")
	if err != nil {
		return err
	}
	if _, err := s.extract("extract controller status", "controller", "status", d); err != nil {
		return err
	}
	_, err = s.apply(ctx, "owner drops its finalizer", "owner", strings.Replace(ssaOwner, `"finalizers":["example.com/a"]`, `"finalizers":[]`, 1), false)
	if err != nil {
		return err
	}
	return s.c.Delete(ctx, "ssa", metav1.DeleteOptions{})
}

func replicasOwned(d *appsv1.Deployment) bool {
	for _, e := range d.ManagedFields {
		if e.FieldsV1 != nil && strings.Contains(string(e.FieldsV1.Raw), `"f:replicas"`) && e.Subresource == "" {
			return true
		}
	}
	return false
}
