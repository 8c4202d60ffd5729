package typedtest

import (
	"context"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// patchCase is a patch of configmap "m" (data k=v, label app=web) and what the rule records.
type patchCase struct {
	name string
	pt   types.PatchType
	body string
}

var patchCases = []patchCase{
	{"empty merge patch", types.MergePatchType, `{}`},
	{"merge patch to the same value", types.MergePatchType, `{"data":{"k":"v"}}`},
	{"merge patch of a label to its value", types.MergePatchType, `{"metadata":{"labels":{"app":"web"}}}`},
	{"merge patch", types.MergePatchType, `{"data":{"k":"v2"}}`},
	{"merge patch removing a key", types.MergePatchType, `{"data":{"k":null}}`},
	{"merge patch that is not JSON", types.MergePatchType, `{"data":`},
	{"merge patch that is a list", types.MergePatchType, `[1]`},
	{"merge patch of the wrong type", types.MergePatchType, `{"data":"x"}`},
	{"merge patch of the name", types.MergePatchType, `{"metadata":{"name":"other"}}`},
	{"merge patch of the namespace", types.MergePatchType, `{"metadata":{"namespace":"other"}}`},
	{"merge patch with a stale resourceVersion", types.MergePatchType, `{"metadata":{"resourceVersion":"1"},"data":{"k":"x"}}`},
	{"merge patch with an unknown field", types.MergePatchType, `{"spec":{"x":1}}`},
	{"merge patch of the uid", types.MergePatchType, `{"metadata":{"uid":"0d4c9d7a-1111-2222-3333-444455556666"}}`},
	{"empty JSON patch", types.JSONPatchType, `[]`},
	{"JSON patch", types.JSONPatchType, `[{"op":"replace","path":"/data/k","value":"v3"}]`},
	{"JSON patch test that fails", types.JSONPatchType, `[{"op":"test","path":"/data/k","value":"nope"}]`},
	{"JSON patch test that passes", types.JSONPatchType, `[{"op":"test","path":"/data/k","value":"v"}]`},
	{"JSON patch removing a missing path", types.JSONPatchType, `[{"op":"remove","path":"/data/missing"}]`},
	{"JSON patch replacing a missing path", types.JSONPatchType, `[{"op":"replace","path":"/data/missing","value":"x"}]`},
	{"JSON patch with an unknown op", types.JSONPatchType, `[{"op":"frob","path":"/data/k"}]`},
	{"JSON patch that is an object", types.JSONPatchType, `{"op":"add"}`},
	{"JSON patch adding to a missing parent", types.JSONPatchType, `[{"op":"add","path":"/a/b","value":1}]`},
	{"JSON patch moving a key", types.JSONPatchType, `[{"op":"move","from":"/data/k","path":"/data/k2"}]`},
	{"JSON patch copying a key", types.JSONPatchType, `[{"op":"copy","from":"/data/k","path":"/data/k2"}]`},
	{"JSON patch setting the same value", types.JSONPatchType, `[{"op":"replace","path":"/data/k","value":"v"}]`},
	{"strategic merge patch", types.StrategicMergePatchType, `{"data":{"k":"s"}}`},
	{"strategic merge patch, no change", types.StrategicMergePatchType, `{"data":{"k":"v"}}`},
	{"strategic merge patch with an unknown directive", types.StrategicMergePatchType, `{"data":{"$patch":"frob"}}`},
	{"strategic merge patch deleting a label", types.StrategicMergePatchType, `{"metadata":{"labels":{"app":null}}}`},
	{"strategic merge patch that is not JSON", types.StrategicMergePatchType, `{`},
	{"patch of an unknown type", types.PatchType("application/x-frob"), `{}`},
}

func versionRules() []Rule {
	var rules []Rule
	for _, c := range patchCases {
		rules = append(rules, Rule{"versions", c.name, func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm := cmNamed("m")
			cm.Labels = map[string]string{"app": "web"}
			created, err := cms.Create(ctx, cm, metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			r.Object(created)
			r.Result("patch")(cms.Patch(ctx, "m", c.pt, []byte(c.body), metav1.PatchOptions{}))
		}})
	}
	rules = append(rules,
		Rule{"versions", "patch missing", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("patch")(e.ConfigMaps(e.Namespace).Patch(ctx, "missing", types.MergePatchType, []byte(`{"data":{"k":"v"}}`), metav1.PatchOptions{}))
		}},
		Rule{"versions", "update missing configmap", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("update")(e.ConfigMaps(e.Namespace).Update(ctx, cmNamed("missing"), metav1.UpdateOptions{}))
		}},
		Rule{"versions", "update missing lease creates it", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("update")(e.Leases(e.Namespace).Update(ctx, leaseNamed("l"), metav1.UpdateOptions{}))
		}},
		Rule{"versions", "update with a resourceVersion of another object", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			a, err := cms.Create(ctx, cmNamed("a"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			r.Object(a)
			b := cmNamed("b")
			b.ResourceVersion = a.ResourceVersion
			r.Result("update")(cms.Update(ctx, b, metav1.UpdateOptions{}))
		}},
		Rule{"versions", "update with a resourceVersion that is not a number", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			a, err := cms.Create(ctx, cmNamed("a"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			a.ResourceVersion = "abc"
			r.Result("update")(cms.Update(ctx, a, metav1.UpdateOptions{}))
		}},
		Rule{"versions", "deployment generation", func(ctx context.Context, e *Env, r *Recorder) {
			deployments := e.Deployments(e.Namespace)
			d, err := deployments.Create(ctx, deploymentNamed("d"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			r.Logf("create: generation %d", d.Generation)
			for _, p := range []string{
				`{"metadata":{"labels":{"x":"y"}}}`, `{"metadata":{"annotations":{"x":"y"}}}`,
				`{"spec":{"replicas":3}}`, `{"spec":{"paused":true}}`, `{"spec":{"template":{"metadata":{"labels":{"app":"web","v":"2"}}}}}`,
				`{"status":{"replicas":5}}`,
			} {
				d, err = deployments.Patch(ctx, "d", types.MergePatchType, []byte(p), metav1.PatchOptions{})
				if err != nil {
					r.Err("patch "+p, err)
					continue
				}
				r.Logf("patch %s: generation %d status.replicas %d", p, d.Generation, d.Status.Replicas)
			}
		}},
		Rule{"versions", "generation of kinds without a status subresource", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			cm.Data["k"] = "x"
			cm, err = cms.Update(ctx, cm, metav1.UpdateOptions{})
			r.Result("configmap update")(generationOf(cm, err))
			secrets := e.Secrets(e.Namespace)
			s, err := secrets.Create(ctx, secretNamed("s"), metav1.CreateOptions{})
			r.Result("secret create")(generationOf(s, err))
			ns, err := e.Namespaces.Patch(ctx, e.Namespace, types.MergePatchType, []byte(`{"metadata":{"labels":{"x":"y"}}}`), metav1.PatchOptions{})
			r.Result("namespace patch")(generationOf(ns, err))
		}},
		Rule{"versions", "service and pod generation", func(ctx context.Context, e *Env, r *Recorder) {
			pods := e.Pods(e.Namespace)
			p, err := pods.Create(ctx, podNamed("p"), metav1.CreateOptions{})
			r.Result("pod create")(generationOf(p, err))
			p, err = pods.Patch(ctx, "p", types.StrategicMergePatchType, []byte(`{"spec":{"containers":[{"name":"c","image":"nginx"}]}}`), metav1.PatchOptions{})
			r.Result("pod image patch")(generationOf(p, err))
			p, err = pods.Patch(ctx, "p", types.MergePatchType, []byte(`{"metadata":{"labels":{"x":"y"}}}`), metav1.PatchOptions{})
			r.Result("pod label patch")(generationOf(p, err))
			services := e.Services(e.Namespace)
			s, err := services.Create(ctx, serviceNamed("s"), metav1.CreateOptions{})
			r.Result("service create")(generationOf(s, err))
			s, err = services.Patch(ctx, "s", types.MergePatchType, []byte(`{"spec":{"selector":{"app":"db"}}}`), metav1.PatchOptions{})
			r.Result("service patch")(generationOf(s, err))
		}},
		Rule{"versions", "job and statefulset generation", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("s")
			ss, err := e.StatefulSets(e.Namespace).Create(ctx, &appsv1.StatefulSet{ObjectMeta: d.ObjectMeta,
				Spec: appsv1.StatefulSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}, metav1.CreateOptions{})
			r.Result("statefulset create")(generationOf(ss, err))
			ss, err = e.StatefulSets(e.Namespace).Patch(ctx, "s", types.MergePatchType, []byte(`{"spec":{"replicas":2}}`), metav1.PatchOptions{})
			r.Result("statefulset patch")(generationOf(ss, err))
		}},
	)
	rules = append(rules, listRules()...)
	return rules
}

func generationOf[T metav1.Object](obj T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"generation": obj.GetGeneration()}, nil
}

// listRules are the rules of lists: resourceVersion and its match, limits, continue tokens.
func listRules() []Rule {
	type listCase struct {
		name string
		opts func(created, latest string) metav1.ListOptions
	}
	cases := []listCase{
		{"list", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{} }},
		{"list with limit", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{Limit: 2} }},
		{"list at resourceVersion 0", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{ResourceVersion: "0"} }},
		{"list at resourceVersion 0 with limit", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: "0", Limit: 1}
		}},
		{"list at an exact resourceVersion with limit", func(created, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: created, ResourceVersionMatch: metav1.ResourceVersionMatchExact, Limit: 2}
		}},
		{"list at an exact resourceVersion", func(created, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: created, ResourceVersionMatch: metav1.ResourceVersionMatchExact}
		}},
		{"list not older than a resourceVersion", func(created, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: created, ResourceVersionMatch: metav1.ResourceVersionMatchNotOlderThan}
		}},
		{"list with a match but no resourceVersion", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersionMatch: metav1.ResourceVersionMatchExact}
		}},
		{"list with an unknown match", func(created, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: created, ResourceVersionMatch: "Newest"}
		}},
		{"list at exact resourceVersion 0", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: "0", ResourceVersionMatch: metav1.ResourceVersionMatchExact}
		}},
		{"list at a resourceVersion that is not a number", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{ResourceVersion: "abc"}
		}},
		{"list with a continue token that is not one", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{Continue: "garbage", Limit: 1}
		}},
		{"list with continue and a resourceVersion", func(created, _ string) metav1.ListOptions {
			return metav1.ListOptions{Continue: "garbage", ResourceVersion: created}
		}},
		{"list with a negative limit", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{Limit: -1} }},
		{"list with a label selector", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{LabelSelector: "app=b"} }},
		{"list with a set-based selector", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{LabelSelector: "app in (a,c),!other"}
		}},
		{"list with a bad label selector", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{LabelSelector: "app=(x"} }},
		{"list with a label value too long", func(_, _ string) metav1.ListOptions {
			return metav1.ListOptions{LabelSelector: "app=" + fmt.Sprintf("%070d", 0)}
		}},
		{"list with a field selector on name", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{FieldSelector: "metadata.name=b"} }},
		{"list with an unsupported field selector", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{FieldSelector: "data.k=v"} }},
		{"list with a malformed field selector", func(_, _ string) metav1.ListOptions { return metav1.ListOptions{FieldSelector: "metadata.name"} }},
	}
	var rules []Rule
	for _, c := range cases {
		rules = append(rules, Rule{"versions", c.name, func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			rvs, ok := createLabelled(ctx, cms, r, "a", "b", "c")
			if !ok {
				return
			}
			created := rvs[1]
			// A list at resourceVersion 0 is served from the apiserver's watch cache, which may not have seen c
			// yet. A list not older than c's resourceVersion waits until the cache has, so what follows is the
			// same on every run.
			if _, err := cms.List(ctx, metav1.ListOptions{ResourceVersion: rvs[2]}); err != nil {
				r.Err("list not older than c", err)
				return
			}
			list, err := cms.List(ctx, c.opts(created, ""))
			if err != nil {
				r.Err("list", err)
				return
			}
			var names []string
			for _, cm := range list.Items {
				names = append(names, cm.Name)
			}
			r.Logf("list: %v continue %v remaining %v at b's resourceVersion %v", names, list.Continue != "",
				ptrString(list.RemainingItemCount), list.ResourceVersion == created)
		}})
	}
	return rules
}
