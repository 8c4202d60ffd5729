package typedtest

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

func watchRules() []Rule {
	yes := true
	// watchCase watches configmaps after creating a (app=a) and b (app=b), then changes them as
	// change does, and records n events.
	type watchCase struct {
		name   string
		opts   func(first, last string) metav1.ListOptions
		n      int
		change func(ctx context.Context, e *Env, r *Recorder)
	}
	updateA := func(ctx context.Context, e *Env, r *Recorder) {
		r.Result("patch a")(labelsOf(e.ConfigMaps(e.Namespace).Patch(ctx, "a", types.MergePatchType, []byte(`{"data":{"k":"2"}}`), metav1.PatchOptions{})))
	}
	relabelA := func(ctx context.Context, e *Env, r *Recorder) {
		cms := e.ConfigMaps(e.Namespace)
		r.Result("relabel a")(labelsOf(cms.Patch(ctx, "a", types.MergePatchType, []byte(`{"metadata":{"labels":{"app":"b"}}}`), metav1.PatchOptions{})))
		r.Result("relabel a back")(labelsOf(cms.Patch(ctx, "a", types.MergePatchType, []byte(`{"metadata":{"labels":{"app":"a"}}}`), metav1.PatchOptions{})))
	}
	noop := func(ctx context.Context, e *Env, r *Recorder) {
		cms := e.ConfigMaps(e.Namespace)
		r.Result("no-op patch a")(labelsOf(cms.Patch(ctx, "a", types.MergePatchType, []byte(`{}`), metav1.PatchOptions{})))
		r.Err("delete b", cms.Delete(ctx, "b", metav1.DeleteOptions{}))
	}
	cases := []watchCase{
		{"watch from a resourceVersion", func(first, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: first}
		}, 2, updateA},
		{"watch with a label selector through relabelling", func(first, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: first, LabelSelector: "app=a"}
		}, 3, relabelA},
		{"watch with a field selector", func(first, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: first, FieldSelector: "metadata.name=b"}
		}, 1, noop},
		{"watch: a no-op patch sends no event", func(first, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: first}
		}, 2, noop},
		{"watch from resourceVersion 0", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: "0"}
		}, 3, updateA},
		{"watch from resourceVersion 1 (too old)", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: "1"}
		}, 1, nil},
		{"watch with initial events and bookmarks", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true,
				ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}
		}, 4, updateA},
		{"watch with initial events and a label selector", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true, LabelSelector: "app=b",
				ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}
		}, 2, nil},
		// From the latest write: from an earlier one, the apiserver's watch cache may or may not hold it.
		{"watch with initial events from a resourceVersion", func(_, last string) metav1.ListOptions {
			return metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true, ResourceVersion: last,
				ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}
		}, 3, nil},
		{"watch with initial events without bookmarks", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{SendInitialEvents: &yes, ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}
		}, 1, nil},
		{"watch with initial events without a match", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true}
		}, 1, nil},
		{"watch with initial events and an exact match", func(first, _ string) metav1.ListOptions {
			return metav1.ListOptions{SendInitialEvents: &yes, AllowWatchBookmarks: true, ResourceVersion: first,
				ResourceVersionMatch: metav1.ResourceVersionMatchExact}
		}, 1, nil},
		{"watch without initial events but a match", func(first, _ string) metav1.ListOptions {
			no := false
			return metav1.ListOptions{SendInitialEvents: &no, ResourceVersion: first, ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}
		}, 1, updateA},
		{"watch with a resourceVersion that is not a number", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: "abc"}
		}, 1, nil},
		{"watch with a bad label selector", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{LabelSelector: "app in (("}
		}, 1, nil},
		{"watch with an unsupported field selector", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{FieldSelector: "data.k=v"}
		}, 1, nil},
	}
	var rules []Rule
	for _, c := range cases {
		rules = append(rules, Rule{"watch", c.name, func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			rvs, ok := createLabelled(ctx, cms, r, "a", "b")
			if !ok {
				return
			}
			w, err := cms.Watch(ctx, c.opts(rvs[0], rvs[len(rvs)-1]))
			if err != nil {
				r.Err("watch", err)
				return
			}
			if c.change != nil {
				c.change(ctx, e, r)
			}
			r.Watch("watch", w, c.n, watchTimeout)
		}})
	}
	rules = append(rules, Rule{"watch", "deleting an object with finalizers", func(ctx context.Context, e *Env, r *Recorder) {
		cms := e.ConfigMaps(e.Namespace)
		cm := cmNamed("f")
		cm.Finalizers = []string{"example.com/a", "example.com/b"}
		w, ok := createAndWatch(ctx, cms, r, cm)
		if !ok {
			return
		}
		r.Err("delete", cms.Delete(ctx, "f", metav1.DeleteOptions{}))
		r.Result("remove one finalizer")(labelsOf(cms.Patch(ctx, "f", types.JSONPatchType, []byte(`[{"op":"remove","path":"/metadata/finalizers/0"}]`), metav1.PatchOptions{})))
		r.Result("remove the other")(labelsOf(cms.Patch(ctx, "f", types.JSONPatchType, []byte(`[{"op":"remove","path":"/metadata/finalizers/0"}]`), metav1.PatchOptions{})))
		r.Watch("watch", w, 3, watchTimeout)
	}})
	return rules
}
