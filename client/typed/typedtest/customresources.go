package typedtest

import (
	"context"
	"fmt"
	"slices"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubegen/kubegen/client/typed"
)

// UnstructuredClient is the client the custom resource scenario runs against.
type UnstructuredClient = typed.Interface[*unstructured.Unstructured, *unstructured.UnstructuredList]

// CustomResource names the kind a custom resource scenario creates, and whether its
// CustomResourceDefinition enables the status subresource.
type CustomResource struct {
	APIVersion, Kind string
	HasStatus        bool
}

// CustomResources runs the custom resource scenario in the client's namespace: generation tracking
// with and without a status subresource, status separation, the refusal of strategic merge patches,
// merge and JSON patches, apply, label selectors, conflicts, a watch from a resourceVersion, and
// deletion. The CRD must accept any fields (x-kubernetes-preserve-unknown-fields).
func CustomResources(ctx context.Context, c UnstructuredClient, cr CustomResource) (Transcript, error) {
	s := &crScenario{c: c, cr: cr}
	for _, step := range []func(context.Context) error{s.create, s.update, s.patch, s.apply, s.watchAndDelete} {
		if err := step(ctx); err != nil {
			return s.lines, err
		}
	}
	return s.lines, nil
}

type crScenario struct {
	recorder
	c    UnstructuredClient
	cr   CustomResource
	last *unstructured.Unstructured
}

func (s *crScenario) object(name string, spec, status map[string]any, labels map[string]string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"apiVersion": s.cr.APIVersion, "kind": s.cr.Kind, "spec": spec}}
	if status != nil {
		u.Object["status"] = status
	}
	u.SetName(name)
	u.SetLabels(labels)
	return u
}

// observe records a written object's resourceVersion progress and content.
func (s *crScenario) observe(step string, u *unstructured.Unstructured) {
	s.wrote(step, u)
	status, hasStatus := u.Object["status"]
	s.logf("%s: generation %d spec %v status %v (present %v) labels %v",
		step, u.GetGeneration(), u.Object["spec"], status, hasStatus, u.GetLabels())
	s.last = u
}

func (s *crScenario) create(ctx context.Context) error {
	in := s.object("one", map[string]any{"cronSpec": "* * * * */5", "replicas": int64(1)},
		map[string]any{"replicas": int64(9)}, map[string]string{"app": "x"})
	got, err := s.c.Create(ctx, in, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	s.observe("create with a status", got)
	_, err = s.c.Create(ctx, in, metav1.CreateOptions{})
	s.outcome("create again", err)
	return nil
}

func (s *crScenario) update(ctx context.Context) error {
	stale := s.last.DeepCopy()
	next := s.last.DeepCopy()
	if err := unstructured.SetNestedField(next.Object, int64(2), "spec", "replicas"); err != nil {
		return err
	}
	if err := unstructured.SetNestedField(next.Object, int64(3), "status", "replicas"); err != nil {
		return err
	}
	got, err := s.c.Update(ctx, next, metav1.UpdateOptions{})
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	s.observe("update spec and status", got)
	_, err = s.c.Update(ctx, stale, metav1.UpdateOptions{})
	s.outcome("update from a stale resourceVersion", err)

	next = got.DeepCopy()
	if err := unstructured.SetNestedField(next.Object, int64(4), "status", "replicas"); err != nil {
		return err
	}
	if err := unstructured.SetNestedField(next.Object, int64(5), "spec", "replicas"); err != nil {
		return err
	}
	got, err = s.c.UpdateStatus(ctx, next, metav1.UpdateOptions{})
	if err != nil {
		s.outcome("update status", err)
		return nil
	}
	s.observe("update status with a spec change", got)
	return nil
}

func (s *crScenario) patch(ctx context.Context) error {
	for _, p := range []struct {
		pt   types.PatchType
		data string
	}{
		{types.StrategicMergePatchType, `{"spec":{"image":"strategic"}}`},
		{types.MergePatchType, `{"spec":{"image":"merge"}}`},
		{types.JSONPatchType, `[{"op":"replace","path":"/spec/image","value":"json"}]`},
		{types.MergePatchType, `{"metadata":{"labels":{"patched":"yes"}}}`},
	} {
		got, err := s.c.Patch(ctx, "one", p.pt, []byte(p.data), metav1.PatchOptions{})
		step := fmt.Sprintf("patch %s %s", p.pt, p.data)
		if err != nil {
			s.outcome(step, err)
			continue
		}
		s.observe(step, got)
	}
	return nil
}

func (s *crScenario) apply(ctx context.Context) error {
	opts := metav1.ApplyOptions{FieldManager: "scenario", Force: true}
	got, err := s.c.Apply(ctx, s.object("two", map[string]any{"cronSpec": "@daily"}, nil, map[string]string{"app": "x"}), opts)
	if err != nil {
		return fmt.Errorf("apply-create: %w", err)
	}
	s.observe("apply creates", got)
	more := s.object("two", map[string]any{"cronSpec": "@daily", "image": "applied"}, nil, map[string]string{"app": "y"})
	if got, err = s.c.Apply(ctx, more, opts); err != nil {
		return fmt.Errorf("apply-update: %w", err)
	}
	s.observe("apply updates", got)
	for _, selector := range []string{"app=x", "app in (x,y)", "patched"} {
		list, err := s.c.List(ctx, metav1.ListOptions{LabelSelector: selector})
		if err != nil {
			return fmt.Errorf("list %s: %w", selector, err)
		}
		var names []string
		for _, item := range list.Items {
			names = append(names, item.GetName())
		}
		slices.Sort(names)
		s.logf("list %s: %v", selector, names)
	}
	return nil
}

func (s *crScenario) watchAndDelete(ctx context.Context) error {
	w, err := s.c.Watch(ctx, metav1.ListOptions{ResourceVersion: s.last.GetResourceVersion()})
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Stop()
	one, err := s.c.Get(ctx, "one", metav1.GetOptions{})
	if err != nil {
		return err
	}
	one.SetLabels(map[string]string{"app": "z"})
	if _, err := s.c.Update(ctx, one, metav1.UpdateOptions{}); err != nil {
		return err
	}
	if err := s.c.Delete(ctx, "two", metav1.DeleteOptions{}); err != nil {
		return err
	}
	events, err := collect(ctx, w, 2)
	if err != nil {
		return err
	}
	s.logf("watch from the last write: %v", events)
	s.outcome("delete one", s.c.Delete(ctx, "one", metav1.DeleteOptions{}))
	_, err = s.c.Get(ctx, "one", metav1.GetOptions{})
	s.outcome("get one after delete", err)
	return nil
}
