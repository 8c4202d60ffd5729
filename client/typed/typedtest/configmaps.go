package typedtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/typed"
)

// ConfigMapClient is the client the ConfigMaps scenario runs against.
type ConfigMapClient = typed.Interface[*corev1.ConfigMap, *corev1.ConfigMapList]

// ConfigMaps runs the ConfigMap scenario in the client's namespace, which must be empty: create,
// generateName, AlreadyExists, NotFound, conditional and unconditional updates, no-op updates, label
// and field selectors, pagination over a consistent snapshot, lists at an exact resourceVersion, a
// watch from a resourceVersion through selector transitions, patches of every type, apply,
// finalizers, and delete-collection. It returns an error only when the script
// cannot go on; expected failures are lines of the transcript.
func ConfigMaps(ctx context.Context, c ConfigMapClient) (Transcript, error) {
	s := &cmScenario{c: c}
	steps := []func(context.Context) error{s.create, s.update, s.list, s.watch, s.snapshots, s.patch, s.apply,
		s.finalizers, s.deleteCollection}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return s.lines, err
		}
	}
	return s.lines, nil
}

type cmScenario struct {
	recorder
	c ConfigMapClient
	a *corev1.ConfigMap
}

func configMap(name string, labels map[string]string) *corev1.ConfigMap {
	return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels}, Data: map[string]string{"k": "v"}}
}

func (s *cmScenario) create(ctx context.Context) error {
	for _, cm := range []*corev1.ConfigMap{
		configMap("a", map[string]string{"app": "web"}), configMap("b", map[string]string{"app": "db"}),
		configMap("c", map[string]string{"app": "web"}), configMap("d", map[string]string{"app": "db"}),
	} {
		got, err := s.c.Create(ctx, cm, metav1.CreateOptions{})
		if err != nil {
			return fmt.Errorf("create %s: %w", cm.Name, err)
		}
		s.wrote("create "+cm.Name, got)
		if cm.Name == "a" {
			s.a = got
		}
	}
	gen := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: "gen-"}}
	got, err := s.c.Create(ctx, gen, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("create with generateName: %w", err)
	}
	s.logf("generateName gen-: prefix kept %v, suffix length %d, uid set %v",
		strings.HasPrefix(got.Name, "gen-"), len(got.Name)-len("gen-"), got.UID != "")
	if err := s.c.Delete(ctx, got.Name, metav1.DeleteOptions{}); err != nil {
		return err
	}
	_, err = s.c.Create(ctx, configMap("a", nil), metav1.CreateOptions{})
	s.outcome("create a again", err)
	_, err = s.c.Get(ctx, "missing", metav1.GetOptions{})
	s.outcome("get missing", err)
	_, err = s.c.Create(ctx, &corev1.ConfigMap{}, metav1.CreateOptions{})
	s.outcome("create without a name", err)
	return nil
}

func (s *cmScenario) update(ctx context.Context) error {
	stale := s.a.DeepCopy()
	next := s.a.DeepCopy()
	next.Data["k"] = "v2"
	got, err := s.c.Update(ctx, next, metav1.UpdateOptions{})
	if err != nil {
		return fmt.Errorf("update a: %w", err)
	}
	s.wrote("update a", got)
	stale.Data["k"] = "stale"
	_, err = s.c.Update(ctx, stale, metav1.UpdateOptions{})
	s.outcome("update a from a stale resourceVersion", err)
	stale.ResourceVersion = ""
	if got, err = s.c.Update(ctx, stale, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("unconditional update: %w", err)
	}
	s.wrote("unconditional update a", got)
	same, err := s.c.Update(ctx, got, metav1.UpdateOptions{})
	if err != nil {
		return fmt.Errorf("no-op update: %w", err)
	}
	s.logf("no-op update keeps the resourceVersion: %v", same.ResourceVersion == got.ResourceVersion)
	missing := configMap("missing", nil)
	_, err = s.c.Update(ctx, missing, metav1.UpdateOptions{})
	s.outcome("update missing", err)
	s.a = same
	return nil
}

func (s *cmScenario) list(ctx context.Context) error {
	for _, opts := range []metav1.ListOptions{
		{}, {LabelSelector: "app=web"}, {LabelSelector: "app!=web"}, {LabelSelector: "app in (db),app notin (web)"},
		{FieldSelector: "metadata.name=b"}, {FieldSelector: "metadata.name!=b", LabelSelector: "app=db"},
		{FieldSelector: "data.k=v"}, {LabelSelector: "app in (("},
	} {
		list, err := s.c.List(ctx, opts)
		step := fmt.Sprintf("list labels %q fields %q", opts.LabelSelector, opts.FieldSelector)
		if err != nil {
			s.outcome(step, err)
			continue
		}
		s.logf("%s: %v", step, names(list))
	}
	var all []string
	opts := metav1.ListOptions{Limit: 3}
	pages := 0
	for {
		page, err := s.c.List(ctx, opts)
		if err != nil {
			return fmt.Errorf("paginated list: %w", err)
		}
		pages++
		all = append(all, names(page)...)
		if page.Continue == "" {
			break
		}
		opts.Continue = page.Continue
	}
	s.logf("list by pages of 3: %d pages, %v", pages, all)
	cached, err := s.c.List(ctx, metav1.ListOptions{ResourceVersion: "0", Limit: 1})
	if err != nil {
		return fmt.Errorf("list at resourceVersion 0: %w", err)
	}
	s.logf("list at resourceVersion 0 with limit 1: %v, continue %v", names(cached), cached.Continue != "")
	return nil
}

func names(list *corev1.ConfigMapList) []string {
	out := make([]string, 0, len(list.Items))
	for _, item := range list.Items {
		out = append(out, item.Name)
	}
	slices.Sort(out)
	return out
}

func (s *cmScenario) watch(ctx context.Context) error {
	w, err := s.c.Watch(ctx, metav1.ListOptions{ResourceVersion: s.a.ResourceVersion, LabelSelector: "app=web"})
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Stop()
	c, err := s.c.Get(ctx, "c", metav1.GetOptions{})
	if err != nil {
		return err
	}
	c.Labels["app"] = "db" // leaves the watcher's selection
	if _, err := s.c.Update(ctx, c, metav1.UpdateOptions{}); err != nil {
		return err
	}
	b, err := s.c.Get(ctx, "b", metav1.GetOptions{})
	if err != nil {
		return err
	}
	b.Labels["app"] = "web" // enters it
	if _, err := s.c.Update(ctx, b, metav1.UpdateOptions{}); err != nil {
		return err
	}
	a := s.a.DeepCopy()
	a.Data["k"] = "v3"
	if s.a, err = s.c.Update(ctx, a, metav1.UpdateOptions{}); err != nil {
		return err
	}
	events, err := collect(ctx, w, 3)
	if err != nil {
		return err
	}
	s.logf("watch app=web from a's resourceVersion: %v", events)
	return nil
}

// collect reads n events as "TYPE name", failing if the watch ends or ctx or a minute runs out first.
func collect(ctx context.Context, w watch.Interface, n int) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	var out []string
	for len(out) < n {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				return out, fmt.Errorf("watch closed after %v", out)
			}
			if ev.Type == watch.Bookmark {
				continue
			}
			m, ok := ev.Object.(metav1.Object)
			if !ok {
				return out, fmt.Errorf("watch event %s with %T", ev.Type, ev.Object)
			}
			out = append(out, fmt.Sprintf("%s %s", ev.Type, m.GetName()))
		case <-ctx.Done():
			return out, fmt.Errorf("waiting for watch events after %v: %w", out, ctx.Err())
		}
	}
	return out, nil
}

func (s *cmScenario) patch(ctx context.Context) error {
	for _, p := range []struct {
		pt   types.PatchType
		data string
	}{
		{types.MergePatchType, `{"data":{"merge":"1"}}`},
		{types.JSONPatchType, `[{"op":"add","path":"/data/json","value":"2"}]`},
		{types.StrategicMergePatchType, `{"data":{"strategic":"3"}}`},
		{types.JSONPatchType, `[{"op":"test","path":"/data/k","value":"nope"}]`},
		{types.MergePatchType, `{"metadata":{"resourceVersion":"1"},"data":{"stale":"4"}}`},
	} {
		got, err := s.c.Patch(ctx, "a", p.pt, []byte(p.data), metav1.PatchOptions{})
		step := fmt.Sprintf("patch %s %s", p.pt, p.data)
		if err != nil {
			s.outcome(step, err)
			continue
		}
		s.wrote(step, got)
		s.logf("data after patch: %v", got.Data)
	}
	_, err := s.c.Patch(ctx, "missing", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{})
	s.outcome("patch missing", err)
	return nil
}

func (s *cmScenario) apply(ctx context.Context) error {
	opts := metav1.ApplyOptions{FieldManager: "scenario", Force: true}
	got, err := s.c.Apply(ctx, configMap("applied", map[string]string{"app": "apply"}), opts)
	if err != nil {
		return fmt.Errorf("apply-create: %w", err)
	}
	s.wrote("apply creates", got)
	more := configMap("applied", map[string]string{"app": "apply", "extra": "yes"})
	more.Data["k2"] = "v2"
	if got, err = s.c.Apply(ctx, more, opts); err != nil {
		return fmt.Errorf("apply-update: %w", err)
	}
	s.wrote("apply updates", got)
	s.logf("after apply: labels %v data %v", got.Labels, got.Data)

	other := configMap("applied", nil)
	other.Data = map[string]string{"k2": "theirs"}
	_, err = s.c.Apply(ctx, other, metav1.ApplyOptions{FieldManager: "other"})
	s.outcome("another manager applies a field it does not own", err)
	if got, err = s.c.Apply(ctx, other, metav1.ApplyOptions{FieldManager: "other", Force: true}); err != nil {
		return fmt.Errorf("forced apply: %w", err)
	}
	s.wrote("forced apply", got)
	s.logf("after forced apply: data %v managers %v", got.Data, managers(got.ManagedFields))
	less := configMap("applied", map[string]string{"app": "apply"})
	if got, err = s.c.Apply(ctx, less, opts); err != nil {
		return fmt.Errorf("apply of fewer fields: %w", err)
	}
	s.wrote("apply of fewer fields", got)
	s.logf("after applying fewer fields: labels %v data %v", got.Labels, got.Data)
	return nil
}

// managers lists the managers and operations of managedFields, sorted.
func managers(entries []metav1.ManagedFieldsEntry) []string {
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, e.Manager+"/"+string(e.Operation))
	}
	slices.Sort(out)
	return out
}

func (s *cmScenario) deleteCollection(ctx context.Context) error {
	err := s.c.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app=db"})
	s.outcome("delete collection app=db", err)
	list, err := s.c.List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	s.logf("left after delete collection: %v", names(list))
	s.outcome("delete missing", s.c.Delete(ctx, "missing", metav1.DeleteOptions{}))
	s.outcome("delete a", s.c.Delete(ctx, "a", metav1.DeleteOptions{}))
	_, err = s.c.Get(ctx, "a", metav1.GetOptions{})
	s.outcome("get a after delete", err)
	return nil
}

// snapshots checks that a paginated list is one snapshot even when writes land between pages, and
// that a list at an exact past resourceVersion shows the state of then.
func (s *cmScenario) snapshots(ctx context.Context) error {
	first, err := s.c.List(ctx, metav1.ListOptions{Limit: 2})
	if err != nil {
		return fmt.Errorf("first page: %w", err)
	}
	then := first.ResourceVersion
	created, err := s.c.Create(ctx, configMap("e", map[string]string{"app": "web"}), metav1.CreateOptions{})
	if err != nil {
		return err
	}
	s.wrote("create e between pages", created)
	if err := s.c.Delete(ctx, "d", metav1.DeleteOptions{}); err != nil {
		return err
	}
	all := names(first)
	for cont := first.Continue; cont != ""; {
		page, err := s.c.List(ctx, metav1.ListOptions{Limit: 2, Continue: cont})
		if err != nil {
			return fmt.Errorf("next page: %w", err)
		}
		all = append(all, names(page)...)
		cont = page.Continue
		s.logf("page at the first page's resourceVersion: %v", page.ResourceVersion == then)
	}
	s.logf("pages while writing: %v", all)
	exact, err := s.c.List(ctx, metav1.ListOptions{ResourceVersion: then, ResourceVersionMatch: metav1.ResourceVersionMatchExact})
	if err != nil {
		return fmt.Errorf("exact list: %w", err)
	}
	s.logf("list at the first page's resourceVersion: %v", names(exact))
	now, err := s.c.List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	s.logf("list now: %v", names(now))
	d, err := s.c.Create(ctx, configMap("d", map[string]string{"app": "db"}), metav1.CreateOptions{})
	if err != nil {
		return err
	}
	s.wrote("create d again", d)
	return nil
}

// finalizers checks that deleting an object with a finalizer only marks it, and that removing the
// finalizer completes the deletion.
func (s *cmScenario) finalizers(ctx context.Context) error {
	in := configMap("final", nil)
	in.Finalizers = []string{"example.com/hold"}
	created, err := s.c.Create(ctx, in, metav1.CreateOptions{})
	if err != nil {
		return err
	}
	w, err := s.c.Watch(ctx, metav1.ListOptions{ResourceVersion: created.ResourceVersion, FieldSelector: "metadata.name=final"})
	if err != nil {
		return err
	}
	defer w.Stop()
	s.outcome("delete with a finalizer", s.c.Delete(ctx, "final", metav1.DeleteOptions{}))
	held, err := s.c.Get(ctx, "final", metav1.GetOptions{})
	if err != nil {
		return fmt.Errorf("get after delete with a finalizer: %w", err)
	}
	s.logf("after delete: deletionTimestamp set %v, grace period %v", held.DeletionTimestamp != nil, deref(held.DeletionGracePeriodSeconds))
	s.outcome("delete again while terminating", s.c.Delete(ctx, "final", metav1.DeleteOptions{}))
	held.Finalizers = nil
	if _, err := s.c.Update(ctx, held, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("remove the finalizer: %w", err)
	}
	_, err = s.c.Get(ctx, "final", metav1.GetOptions{})
	s.outcome("get after the finalizer is removed", err)
	events, err := collect(ctx, w, 2)
	if err != nil {
		return err
	}
	s.logf("watch of final: %v", events)
	return nil
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
