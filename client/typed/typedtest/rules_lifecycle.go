package typedtest

import (
	"context"
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// watchTimeout bounds every wait for a watch event; the scenarios expect events that come at once.
const watchTimeout = 5 * time.Second

func defaultingRules() []Rule {
	return []Rule{
		{"defaulting", "namespace", func(ctx context.Context, e *Env, r *Recorder) {
			name := e.Namespace + "-d"
			got, err := e.Namespaces.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
			r.Result("create")(got, err)
			if err == nil {
				_ = e.Namespaces.Delete(ctx, name, metav1.DeleteOptions{})
			}
		}},
		{"defaulting", "secret type and stringData", func(ctx context.Context, e *Env, r *Recorder) {
			s := secretNamed("s")
			s.StringData = map[string]string{"text": "plain", "k": "over"}
			r.Result("create")(e.Secrets(e.Namespace).Create(ctx, s, metav1.CreateOptions{}))
		}},
		{"defaulting", "secret stringData on update", func(ctx context.Context, e *Env, r *Recorder) {
			secrets := e.Secrets(e.Namespace)
			s, err := secrets.Create(ctx, secretNamed("s"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			s.StringData = map[string]string{"more": "text"}
			r.Result("update")(secrets.Update(ctx, s, metav1.UpdateOptions{}))
		}},
		{"defaulting", "configmap", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("m"), metav1.CreateOptions{}))
		}},
		{"defaulting", "lease", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(e.Leases(e.Namespace).Create(ctx, leaseNamed("l"), metav1.CreateOptions{}))
		}},
		{"defaulting", "pod", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(e.Pods(e.Namespace).Create(ctx, podNamed("p"), metav1.CreateOptions{}))
		}},
		{"defaulting", "service", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(e.Services(e.Namespace).Create(ctx, serviceNamed("s"), metav1.CreateOptions{}))
		}},
		{"defaulting", "deployment", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(e.Deployments(e.Namespace).Create(ctx, deploymentNamed("d"), metav1.CreateOptions{}))
		}},
		{"defaulting", "statefulset", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("s")
			ss := &appsv1.StatefulSet{ObjectMeta: d.ObjectMeta, Spec: appsv1.StatefulSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}
			r.Result("create")(e.StatefulSets(e.Namespace).Create(ctx, ss, metav1.CreateOptions{}))
		}},
		{"defaulting", "daemonset", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("ds")
			ds := &appsv1.DaemonSet{ObjectMeta: d.ObjectMeta, Spec: appsv1.DaemonSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}
			r.Result("create")(e.DaemonSets(e.Namespace).Create(ctx, ds, metav1.CreateOptions{}))
		}},
		{"defaulting", "job", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("j")
			j := &batchv1.Job{ObjectMeta: d.ObjectMeta, Spec: batchv1.JobSpec{Template: d.Spec.Template}}
			j.Spec.Template.Labels = nil
			j.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever
			r.Result("create")(e.Jobs(e.Namespace).Create(ctx, j, metav1.CreateOptions{}))
		}},
		{"defaulting", "field manager of a create", func(ctx context.Context, e *Env, r *Recorder) {
			got, err := e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			for _, m := range got.ManagedFields {
				r.Logf("create: manager %q operation %s", m.Manager, m.Operation)
			}
		}},
		{"defaulting", "field manager of an update and a patch", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			got, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{FieldManager: "creator"})
			if err != nil {
				r.Err("create", err)
				return
			}
			got.Data["u"] = "1"
			if _, err := cms.Update(ctx, got, metav1.UpdateOptions{}); err != nil {
				r.Err("update", err)
				return
			}
			got, err = cms.Patch(ctx, "m", types.MergePatchType, []byte(`{"data":{"p":"1"}}`), metav1.PatchOptions{FieldManager: "patcher"})
			if err != nil {
				r.Err("patch", err)
				return
			}
			for _, m := range got.ManagedFields {
				r.Logf("managedFields: manager %q operation %s fields %s", m.Manager, m.Operation, m.FieldsV1.String())
			}
		}},
	}
}

func admissionRules() []Rule {
	return []Rule{
		{"admission", "create in a missing namespace", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create configmap")(nameOnly(e.ConfigMaps(e.Namespace+"-missing").Create(ctx, cmNamed("m"), metav1.CreateOptions{})))
			r.Result("create pod")(nameOnly(e.Pods(e.Namespace+"-missing").Create(ctx, podNamed("p"), metav1.CreateOptions{})))
		}},
		{"admission", "get and list in a missing namespace", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("get")(nameOnly(e.ConfigMaps(e.Namespace+"-missing").Get(ctx, "m", metav1.GetOptions{})))
			list, err := e.ConfigMaps(e.Namespace+"-missing").List(ctx, metav1.ListOptions{})
			if err != nil {
				r.Err("list", err)
				return
			}
			r.Logf("list: ok %d items", len(list.Items))
		}},
		{"admission", "create in a terminating namespace", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, cmNamed("before"), metav1.CreateOptions{}); err != nil {
				r.Err("create before", err)
				return
			}
			r.Err("delete namespace", e.Namespaces.Delete(ctx, e.Namespace, metav1.DeleteOptions{}))
			ns, err := e.Namespaces.Get(ctx, e.Namespace, metav1.GetOptions{})
			if err != nil {
				r.Err("get namespace", err)
			} else {
				r.Logf("namespace: phase %s, deleting %v, finalizers %v", ns.Status.Phase, ns.DeletionTimestamp != nil, ns.Spec.Finalizers)
			}
			r.Result("create after")(nameOnly(cms.Create(ctx, cmNamed("after"), metav1.CreateOptions{})))
			got, err := cms.Get(ctx, "before", metav1.GetOptions{})
			r.Result("update before")(nameOnly(func() (*corev1.ConfigMap, error) {
				if err != nil {
					return got, err
				}
				got.Data["k"] = "changed"
				return cms.Update(ctx, got, metav1.UpdateOptions{})
			}()))
			r.Err("delete before", cms.Delete(ctx, "before", metav1.DeleteOptions{}))
		}},
		{"admission", "delete a namespace twice", func(ctx context.Context, e *Env, r *Recorder) {
			r.Err("delete", e.Namespaces.Delete(ctx, e.Namespace, metav1.DeleteOptions{}))
			r.Err("delete again", e.Namespaces.Delete(ctx, e.Namespace, metav1.DeleteOptions{}))
		}},
		{"admission", "namespace spec.finalizers cannot be emptied by update", func(ctx context.Context, e *Env, r *Recorder) {
			ns, err := e.Namespaces.Get(ctx, e.Namespace, metav1.GetOptions{})
			if err != nil {
				r.Err("get", err)
				return
			}
			ns.Spec.Finalizers = nil
			got, err := e.Namespaces.Update(ctx, ns, metav1.UpdateOptions{})
			if err != nil {
				r.Err("update", err)
				return
			}
			r.Logf("update: finalizers %v", got.Spec.Finalizers)
		}},
		{"admission", "create a namespace that exists", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.Namespaces.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: e.Namespace}}, metav1.CreateOptions{})))
		}},
		{"admission", "namespaced object in the default namespace list", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("get default namespace")(nameOnly(e.Namespaces.Get(ctx, "default", metav1.GetOptions{})))
		}},
	}
}

func deletionRules() []Rule {
	finalized := func() *corev1.ConfigMap {
		cm := cmNamed("f")
		cm.Finalizers = []string{"example.com/keep"}
		return cm
	}
	return []Rule{
		{"deletion", "finalizer keeps a deleted object", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			created, err := cms.Create(ctx, finalized(), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			r.Err("delete", cms.Delete(ctx, "f", metav1.DeleteOptions{}))
			r.Result("get")(cms.Get(ctx, "f", metav1.GetOptions{}))
			w, err := cms.Watch(ctx, metav1.ListOptions{ResourceVersion: created.ResourceVersion})
			if err != nil {
				r.Err("watch", err)
				return
			}
			r.Err("delete again", cms.Delete(ctx, "f", metav1.DeleteOptions{}))
			r.Result("remove the finalizer")(cms.Patch(ctx, "f", types.MergePatchType, []byte(`{"metadata":{"finalizers":null}}`), metav1.PatchOptions{}))
			r.Watch("watch", w, 2, watchTimeout)
			r.Result("get after")(nameOnly(cms.Get(ctx, "f", metav1.GetOptions{})))
		}},
		{"deletion", "no new finalizer on a deleted object", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, finalized(), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Err("delete", cms.Delete(ctx, "f", metav1.DeleteOptions{}))
			r.Result("add a finalizer")(labelsOf(cms.Patch(ctx, "f", types.JSONPatchType,
				[]byte(`[{"op":"add","path":"/metadata/finalizers/-","value":"example.com/more"}]`), metav1.PatchOptions{})))
			r.Result("change data")(labelsOf(cms.Patch(ctx, "f", types.MergePatchType, []byte(`{"data":{"k":"x"}}`), metav1.PatchOptions{})))
			r.Result("clear deletionTimestamp")(nameOnly(cms.Patch(ctx, "f", types.MergePatchType,
				[]byte(`{"metadata":{"deletionTimestamp":null}}`), metav1.PatchOptions{})))
		}},
		{"deletion", "propagationPolicy Foreground", func(ctx context.Context, e *Env, r *Recorder) {
			deleteWith(ctx, e, r, metav1.DeletePropagationForeground)
		}},
		{"deletion", "propagationPolicy Orphan", func(ctx context.Context, e *Env, r *Recorder) {
			deleteWith(ctx, e, r, metav1.DeletePropagationOrphan)
		}},
		{"deletion", "propagationPolicy Background", func(ctx context.Context, e *Env, r *Recorder) {
			deleteWith(ctx, e, r, metav1.DeletePropagationBackground)
		}},
		{"deletion", "propagationPolicy unknown", func(ctx context.Context, e *Env, r *Recorder) {
			deleteWith(ctx, e, r, "Sideways")
		}},
		{"deletion", "orphanDependents and propagationPolicy together", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			yes, p := true, metav1.DeletePropagationBackground
			r.Err("delete", cms.Delete(ctx, "m", metav1.DeleteOptions{OrphanDependents: &yes, PropagationPolicy: &p}))
		}},
		{"deletion", "negative grace period", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			g := int64(-5)
			r.Err("delete", cms.Delete(ctx, "m", metav1.DeleteOptions{GracePeriodSeconds: &g}))
			r.Result("get")(nameOnly(cms.Get(ctx, "m", metav1.GetOptions{})))
		}},
		{"deletion", "foreground then remove the other finalizer", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, finalized(), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			p := metav1.DeletePropagationForeground
			r.Err("delete", cms.Delete(ctx, "f", metav1.DeleteOptions{PropagationPolicy: &p}))
			r.Result("remove finalizers")(labelsOf(cms.Patch(ctx, "f", types.MergePatchType,
				[]byte(`{"metadata":{"finalizers":null}}`), metav1.PatchOptions{})))
			r.Result("get")(nameOnly(cms.Get(ctx, "f", metav1.GetOptions{})))
		}},
		{"deletion", "pod on a node is deleted gracefully", func(ctx context.Context, e *Env, r *Recorder) {
			pods := e.Pods(e.Namespace)
			p := podNamed("p")
			p.Spec.NodeName = "node-1"
			if _, err := pods.Create(ctx, p, metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Err("delete", pods.Delete(ctx, "p", metav1.DeleteOptions{}))
			got, err := pods.Get(ctx, "p", metav1.GetOptions{})
			if err != nil {
				r.Err("get", err)
			} else {
				r.Logf("get: deleting %v grace %v spec grace %v", got.DeletionTimestamp != nil, ptrString(got.DeletionGracePeriodSeconds),
					ptrString(got.Spec.TerminationGracePeriodSeconds))
			}
			g := int64(10)
			r.Err("delete with a shorter grace", pods.Delete(ctx, "p", metav1.DeleteOptions{GracePeriodSeconds: &g}))
			if got, err = pods.Get(ctx, "p", metav1.GetOptions{}); err == nil {
				r.Logf("get: grace %v", ptrString(got.DeletionGracePeriodSeconds))
			}
			zero := int64(0)
			r.Err("delete now", pods.Delete(ctx, "p", metav1.DeleteOptions{GracePeriodSeconds: &zero}))
			r.Result("get after")(nameOnly(pods.Get(ctx, "p", metav1.GetOptions{})))
		}},
		{"deletion", "pod not on a node is deleted at once", func(ctx context.Context, e *Env, r *Recorder) {
			pods := e.Pods(e.Namespace)
			if _, err := pods.Create(ctx, podNamed("p"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Err("delete", pods.Delete(ctx, "p", metav1.DeleteOptions{}))
			r.Result("get")(nameOnly(pods.Get(ctx, "p", metav1.GetOptions{})))
		}},
		{"deletion", "configmap with a grace period is deleted at once", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			g := int64(30)
			r.Err("delete", cms.Delete(ctx, "m", metav1.DeleteOptions{GracePeriodSeconds: &g}))
			r.Result("get")(nameOnly(cms.Get(ctx, "m", metav1.GetOptions{})))
		}},
		{"deletion", "preconditions", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			created, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			r.Object(created)
			uid, rv := types.UID("0d4c9d7a-1111-2222-3333-444455556666"), "1"
			r.Err("delete with another uid", cms.Delete(ctx, "m", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{UID: &uid}}))
			r.Err("delete with another resourceVersion", cms.Delete(ctx, "m", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: &rv}}))
			r.Err("delete with both right", cms.Delete(ctx, "m", metav1.DeleteOptions{Preconditions: &metav1.Preconditions{
				UID: &created.UID, ResourceVersion: &created.ResourceVersion}}))
		}},
		{"deletion", "delete missing", func(ctx context.Context, e *Env, r *Recorder) {
			r.Err("delete", e.ConfigMaps(e.Namespace).Delete(ctx, "missing", metav1.DeleteOptions{}))
		}},
		{"deletion", "dryRun delete", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			if _, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Err("delete", cms.Delete(ctx, "m", metav1.DeleteOptions{DryRun: []string{metav1.DryRunAll}}))
			r.Result("get")(nameOnly(cms.Get(ctx, "m", metav1.GetOptions{})))
		}},
		{"deletion", "delete collection with a selector", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			for _, n := range []string{"a", "b", "c"} {
				cm := cmNamed(n)
				cm.Labels = map[string]string{"app": n}
				if n == "c" {
					cm.Finalizers = []string{"example.com/keep"}
				}
				if _, err := cms.Create(ctx, cm, metav1.CreateOptions{}); err != nil {
					r.Err("create", err)
					return
				}
			}
			r.Err("delete collection", cms.DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app!=a"}))
			list, err := cms.List(ctx, metav1.ListOptions{})
			if err != nil {
				r.Err("list", err)
				return
			}
			for _, cm := range list.Items {
				r.Logf("left: %s deleting %v", cm.Name, cm.DeletionTimestamp != nil)
			}
		}},
		{"deletion", "delete collection with a bad selector", func(ctx context.Context, e *Env, r *Recorder) {
			r.Err("delete collection", e.ConfigMaps(e.Namespace).DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{LabelSelector: "app in (("}))
		}},
		{"deletion", "delete collection with an unsupported field selector", func(ctx context.Context, e *Env, r *Recorder) {
			r.Err("delete collection", e.ConfigMaps(e.Namespace).DeleteCollection(ctx, metav1.DeleteOptions{}, metav1.ListOptions{FieldSelector: "data.k=v"}))
		}},
		{"deletion", "delete collection across all namespaces", func(ctx context.Context, e *Env, r *Recorder) {
			r.Err("delete collection", e.ConfigMaps("").DeleteCollection(ctx, metav1.DeleteOptions{DryRun: []string{metav1.DryRunAll}},
				metav1.ListOptions{LabelSelector: "kubegen-rules=never"}))
		}},
	}
}

func ptrString[T any](p *T) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

// deleteWith deletes a configmap with a propagation policy and records what remains and the watch
// events.
func deleteWith(ctx context.Context, e *Env, r *Recorder, policy metav1.DeletionPropagation) {
	cms := e.ConfigMaps(e.Namespace)
	w, ok := createAndWatch(ctx, cms, r, cmNamed("m"))
	if !ok {
		return
	}
	err := cms.Delete(ctx, "m", metav1.DeleteOptions{PropagationPolicy: &policy})
	r.Err("delete", err)
	if err != nil {
		w.Stop()
	} else {
		r.Watch("watch", w, 1, watchTimeout)
	}
	r.Result("get")(cms.Get(ctx, "m", metav1.GetOptions{}))
}

// createLabelled creates configmaps with the given names, each labelled app=<name>, and returns
// their resourceVersions; it records a failure and reports false if one cannot be created.
func createLabelled(ctx context.Context, cms RWC[*corev1.ConfigMap, *corev1.ConfigMapList], r *Recorder, names ...string) ([]string, bool) {
	var rvs []string
	for _, n := range names {
		cm := cmNamed(n)
		cm.Labels = map[string]string{"app": n}
		got, err := cms.Create(ctx, cm, metav1.CreateOptions{})
		if err != nil {
			r.Err("create", err)
			return nil, false
		}
		r.Object(got)
		rvs = append(rvs, got.ResourceVersion)
	}
	return rvs, true
}

// createAndWatch creates cm and watches configmaps from its resourceVersion; it records a failure
// and reports false if either fails.
func createAndWatch(ctx context.Context, cms RWC[*corev1.ConfigMap, *corev1.ConfigMapList], r *Recorder, cm *corev1.ConfigMap) (watch.Interface, bool) {
	created, err := cms.Create(ctx, cm, metav1.CreateOptions{})
	if err != nil {
		r.Err("create", err)
		return nil, false
	}
	r.Object(created)
	w, err := cms.Watch(ctx, metav1.ListOptions{ResourceVersion: created.ResourceVersion})
	if err != nil {
		r.Err("watch", err)
		return nil, false
	}
	return w, true
}
