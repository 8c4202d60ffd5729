package typedtest

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

func cmNamed(name string) *corev1.ConfigMap {
	return &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name}, Data: map[string]string{"k": "v"}}
}

func podNamed(name string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "busybox"}}}}
}

func serviceNamed(name string) *corev1.Service {
	return &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}, Selector: map[string]string{"app": "web"}}}
}

func deploymentNamed(name string) *appsv1.Deployment {
	labels := map[string]string{"app": "web"}
	return &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: appsv1.DeploymentSpec{
		Selector: &metav1.LabelSelector{MatchLabels: labels},
		Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "busybox"}}}},
	}}
}

func secretNamed(name string) *corev1.Secret {
	return &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name}, Data: map[string][]byte{"k": []byte("v")}}
}

func leaseNamed(name string) *coordinationv1.Lease {
	holder := "me"
	return &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: coordinationv1.LeaseSpec{HolderIdentity: &holder}}
}

// badNames are names some resources refuse; each is tried on several resources, whose rules differ
// (DNS-1123 subdomains, DNS-1123 and DNS-1035 labels).
var badNames = []struct{ label, name string }{
	{"underscore", "Bad_Name"},
	{"upper case", "Abc"},
	{"dot", "a.b"},
	{"leading digit", "1abc"},
	{"leading dash", "-abc"},
	{"64 characters", strings.Repeat("a", 64)},
	{"254 characters", strings.Repeat("a", 254)},
	{"slash", "a/b"},
	{"percent", "a%b"},
}

func validationRules() []Rule {
	var rules []Rule
	for _, n := range badNames {
		name := n.name
		rules = append(rules,
			Rule{"validation", "configmap name " + n.label, func(ctx context.Context, e *Env, r *Recorder) {
				r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed(name), metav1.CreateOptions{})))
			}},
			Rule{"validation", "service name " + n.label, func(ctx context.Context, e *Env, r *Recorder) {
				r.Result("create")(nameOnly(e.Services(e.Namespace).Create(ctx, serviceNamed(name), metav1.CreateOptions{})))
			}},
			Rule{"validation", "namespace name " + n.label, func(ctx context.Context, e *Env, r *Recorder) {
				ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
				got, err := e.Namespaces.Create(ctx, ns, metav1.CreateOptions{})
				r.Result("create")(nameOnly(got, err))
				if err == nil {
					_ = e.Namespaces.Delete(ctx, name, metav1.DeleteOptions{})
				}
			}},
		)
	}
	for _, n := range badNames[:4] {
		name := n.name
		rules = append(rules,
			Rule{"validation", "pod name " + n.label, func(ctx context.Context, e *Env, r *Recorder) {
				r.Result("create")(nameOnly(e.Pods(e.Namespace).Create(ctx, podNamed(name), metav1.CreateOptions{})))
			}},
			Rule{"validation", "deployment name " + n.label, func(ctx context.Context, e *Env, r *Recorder) {
				r.Result("create")(nameOnly(e.Deployments(e.Namespace).Create(ctx, deploymentNamed(name), metav1.CreateOptions{})))
			}},
			Rule{"validation", "lease name " + n.label, func(ctx context.Context, e *Env, r *Recorder) {
				r.Result("create")(nameOnly(e.Leases(e.Namespace).Create(ctx, leaseNamed(name), metav1.CreateOptions{})))
			}},
		)
	}
	rules = append(rules, metadataRules()...)
	rules = append(rules, kindValidationRules()...)
	return rules
}

// nameOnly reduces a created object to its name, for rules about names.
func nameOnly[T metav1.Object](obj T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]string{"name": obj.GetName(), "namespace": obj.GetNamespace()}, nil
}

// generatedName matches a name generated from a generateName ending in an underscore.
var generatedName = regexp.MustCompile(`(_)[a-z0-9]{5}\b`)

func withMeta(f func(*metav1.ObjectMeta)) *corev1.ConfigMap {
	cm := cmNamed("m")
	f(&cm.ObjectMeta)
	return cm
}

// metadataRules are the generic rules of ObjectMeta: labels, annotations, finalizers, generateName,
// resourceVersion and namespace on create.
func metadataRules() []Rule {
	cases := []struct {
		name string
		meta func(*metav1.ObjectMeta)
	}{
		{"label key with a space", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"bad key": "v"} }},
		{"label key with an upper-case prefix", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"Example.com/x": "v"} }},
		{"label key name of 64 characters", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{strings.Repeat("k", 64): "v"} }},
		{"label key prefix of 254 characters", func(m *metav1.ObjectMeta) {
			m.Labels = map[string]string{strings.Repeat("p", 254) + "/k": "v"}
		}},
		{"empty label key", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"": "v"} }},
		{"label value of 64 characters", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"k": strings.Repeat("v", 64)} }},
		{"label value with a space", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"k": "a b"} }},
		{"label value ending in a dash", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"k": "ab-"} }},
		{"empty label value", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"k": ""} }},
		{"label with a bad key and value", func(m *metav1.ObjectMeta) { m.Labels = map[string]string{"a b": "a b"} }},
		{"annotation key with a space", func(m *metav1.ObjectMeta) { m.Annotations = map[string]string{"bad key": "v"} }},
		{"annotation value with spaces", func(m *metav1.ObjectMeta) { m.Annotations = map[string]string{"k": "any value at all!"} }},
		{"annotations over 256 KiB", func(m *metav1.ObjectMeta) {
			m.Annotations = map[string]string{"k": strings.Repeat("v", 256*1024)}
		}},
		{"finalizer with a space", func(m *metav1.ObjectMeta) { m.Finalizers = []string{"bad finalizer"} }},
		{"finalizer without a domain", func(m *metav1.ObjectMeta) { m.Finalizers = []string{"plain"} }},
		{"finalizer with a domain", func(m *metav1.ObjectMeta) { m.Finalizers = []string{"example.com/f"} }},
		{"duplicate finalizers", func(m *metav1.ObjectMeta) { m.Finalizers = []string{"example.com/f", "example.com/f"} }},
		{"generateName with an underscore", func(m *metav1.ObjectMeta) { m.Name = ""; m.GenerateName = "Bad_" }},
		{"generateName and name", func(m *metav1.ObjectMeta) { m.GenerateName = "gen-" }},
		{"resourceVersion on create", func(m *metav1.ObjectMeta) { m.ResourceVersion = "1" }},
		{"uid on create", func(m *metav1.ObjectMeta) { m.UID = types.UID("0d4c9d7a-1111-2222-3333-444455556666") }},
		{"generation on create", func(m *metav1.ObjectMeta) { m.Generation = 7 }},
		{"negative deletionGracePeriodSeconds", func(m *metav1.ObjectMeta) { g := int64(-1); m.DeletionGracePeriodSeconds = &g }},
		{"ownerReference without uid", func(m *metav1.ObjectMeta) {
			m.OwnerReferences = []metav1.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: "owner"}}
		}},
		{"two controller ownerReferences", func(m *metav1.ObjectMeta) {
			yes := true
			m.OwnerReferences = []metav1.OwnerReference{
				{APIVersion: "v1", Kind: "ConfigMap", Name: "o1", UID: "0d4c9d7a-1111-2222-3333-444455556661", Controller: &yes},
				{APIVersion: "v1", Kind: "ConfigMap", Name: "o2", UID: "0d4c9d7a-1111-2222-3333-444455556662", Controller: &yes},
			}
		}},
		{"managedFields on create", func(m *metav1.ObjectMeta) {
			m.ManagedFields = []metav1.ManagedFieldsEntry{{Manager: "someone", Operation: metav1.ManagedFieldsOperationUpdate, APIVersion: "v1"}}
		}},
	}
	var rules []Rule
	for _, c := range cases {
		rules = append(rules, Rule{"validation", "create: " + c.name, func(ctx context.Context, e *Env, r *Recorder) {
			r.Mask(generatedName, "${1}<suffix>")
			got, err := e.ConfigMaps(e.Namespace).Create(ctx, withMeta(c.meta), metav1.CreateOptions{})
			if err == nil {
				r.Logf("create: ok labels=%v annotations=%d finalizers=%v generation=%d owners=%d managers=%d",
					got.Labels, len(got.Annotations), got.Finalizers, got.Generation, len(got.OwnerReferences), len(got.ManagedFields))
				return
			}
			r.Err("create", err)
		}})
	}
	for _, c := range cases[:10] {
		rules = append(rules, Rule{"validation", "update: " + c.name, func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			c.meta(&cm.ObjectMeta)
			r.Result("update")(labelsOf(cms.Update(ctx, cm, metav1.UpdateOptions{})))
		}})
	}
	rules = append(rules,
		Rule{"validation", "create: namespace of the object differs from the request's", func(ctx context.Context, e *Env, r *Recorder) {
			cm := cmNamed("m")
			cm.Namespace = "elsewhere"
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cm, metav1.CreateOptions{})))
		}},
		Rule{"validation", "create: no name and no generateName", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed(""), metav1.CreateOptions{})))
		}},
		Rule{"validation", "create: generateName of 63 characters", func(ctx context.Context, e *Env, r *Recorder) {
			cm := cmNamed("")
			cm.GenerateName = strings.Repeat("g", 63)
			got, err := e.ConfigMaps(e.Namespace).Create(ctx, cm, metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			r.Logf("create: ok name length %d, prefix kept %v", len(got.Name), strings.HasPrefix(got.Name, strings.Repeat("g", 58)))
		}},
		Rule{"validation", "update: change the uid", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			cm.UID = "0d4c9d7a-1111-2222-3333-444455556666"
			r.Result("update")(labelsOf(cms.Update(ctx, cm, metav1.UpdateOptions{})))
		}},
		Rule{"validation", "update: change creationTimestamp and generation", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			cm.CreationTimestamp = metav1.Date(2001, 1, 1, 0, 0, 0, 0, cm.CreationTimestamp.Location())
			cm.Generation = 9
			cm.Data["k"] = "v2"
			got, err := cms.Update(ctx, cm, metav1.UpdateOptions{})
			if err != nil {
				r.Err("update", err)
				return
			}
			r.Logf("update: creationTimestamp kept %v, generation %d", got.CreationTimestamp.Year() != 2001, got.Generation)
		}},
		Rule{"validation", "update: dryRun with an invalid label", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm, err := cms.Create(ctx, cmNamed("m"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			cm.Labels = map[string]string{"k": "a b"}
			r.Result("update")(labelsOf(cms.Update(ctx, cm, metav1.UpdateOptions{DryRun: []string{metav1.DryRunAll}})))
		}},
		Rule{"validation", "create: dryRun with an invalid name", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("Bad_Name"), metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}})))
		}},
		Rule{"validation", "create: dryRun stores nothing", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			got, err := cms.Create(ctx, cmNamed("dry"), metav1.CreateOptions{DryRun: []string{metav1.DryRunAll}})
			r.Result("create")(got, err)
			r.Result("get")(nameOnly(cms.Get(ctx, "dry", metav1.GetOptions{})))
		}},
		Rule{"validation", "create: unknown dryRun value", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("dry"), metav1.CreateOptions{DryRun: []string{"Some"}})))
		}},
		Rule{"validation", "create: fieldManager of 129 characters", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("m"), metav1.CreateOptions{FieldManager: strings.Repeat("f", 129)})))
		}},
		Rule{"validation", "create: fieldManager with a newline", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("m"), metav1.CreateOptions{FieldManager: "a\nb"})))
		}},
		Rule{"validation", "create: unknown fieldValidation value", func(ctx context.Context, e *Env, r *Recorder) {
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cmNamed("m"), metav1.CreateOptions{FieldValidation: "Loose"})))
		}},
	)
	return rules
}

// labelsOf reduces an object to its labels and annotations, for rules about metadata.
func labelsOf[T metav1.Object](obj T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"labels": obj.GetLabels(), "annotations": len(obj.GetAnnotations()), "finalizers": obj.GetFinalizers()}, nil
}

// kindValidationRules are per-kind rules of the common kinds.
func kindValidationRules() []Rule {
	immutable := true
	rules := []Rule{
		{"validation", "configmap: key with a space", func(ctx context.Context, e *Env, r *Recorder) {
			cm := cmNamed("m")
			cm.Data = map[string]string{"bad key": "v"}
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cm, metav1.CreateOptions{})))
		}},
		{"validation", "configmap: key in data and binaryData", func(ctx context.Context, e *Env, r *Recorder) {
			cm := cmNamed("m")
			cm.BinaryData = map[string][]byte{"k": []byte("x")}
			r.Result("create")(nameOnly(e.ConfigMaps(e.Namespace).Create(ctx, cm, metav1.CreateOptions{})))
		}},
		{"validation", "configmap: immutable data changed", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm := cmNamed("m")
			cm.Immutable = &immutable
			got, err := cms.Create(ctx, cm, metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			got.Data["k"] = "changed"
			r.Result("update data")(nameOnly(cms.Update(ctx, got, metav1.UpdateOptions{})))
			r.Result("patch data")(nameOnly(cms.Patch(ctx, "m", types.MergePatchType, []byte(`{"data":{"k":"p"}}`), metav1.PatchOptions{})))
		}},
		{"validation", "configmap: immutable unset", func(ctx context.Context, e *Env, r *Recorder) {
			cms := e.ConfigMaps(e.Namespace)
			cm := cmNamed("m")
			cm.Immutable = &immutable
			if _, err := cms.Create(ctx, cm, metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch immutable false")(nameOnly(cms.Patch(ctx, "m", types.MergePatchType, []byte(`{"immutable":false}`), metav1.PatchOptions{})))
			r.Result("patch labels")(labelsOf(cms.Patch(ctx, "m", types.MergePatchType, []byte(`{"metadata":{"labels":{"a":"b"}}}`), metav1.PatchOptions{})))
		}},
		{"validation", "secret: immutable data changed", func(ctx context.Context, e *Env, r *Recorder) {
			secrets := e.Secrets(e.Namespace)
			s := secretNamed("s")
			s.Immutable = &immutable
			if _, err := secrets.Create(ctx, s, metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch data")(nameOnly(secrets.Patch(ctx, "s", types.MergePatchType, []byte(`{"data":{"k":"eA=="}}`), metav1.PatchOptions{})))
		}},
		{"validation", "secret: type changed", func(ctx context.Context, e *Env, r *Recorder) {
			secrets := e.Secrets(e.Namespace)
			if _, err := secrets.Create(ctx, secretNamed("s"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch type")(nameOnly(secrets.Patch(ctx, "s", types.MergePatchType, []byte(`{"type":"example.com/other"}`), metav1.PatchOptions{})))
		}},
		{"validation", "secret: key with a space", func(ctx context.Context, e *Env, r *Recorder) {
			s := secretNamed("s")
			s.Data = map[string][]byte{"bad key": []byte("v")}
			r.Result("create")(nameOnly(e.Secrets(e.Namespace).Create(ctx, s, metav1.CreateOptions{})))
		}},
		{"validation", "secret: tls without its keys", func(ctx context.Context, e *Env, r *Recorder) {
			s := secretNamed("s")
			s.Type = corev1.SecretTypeTLS
			r.Result("create")(nameOnly(e.Secrets(e.Namespace).Create(ctx, s, metav1.CreateOptions{})))
		}},
		{"validation", "deployment: selector does not match the template", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("d")
			d.Spec.Selector.MatchLabels = map[string]string{"app": "other"}
			r.Result("create")(nameOnly(e.Deployments(e.Namespace).Create(ctx, d, metav1.CreateOptions{})))
		}},
		{"validation", "deployment: negative replicas", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("d")
			n := int32(-1)
			d.Spec.Replicas = &n
			r.Result("create")(nameOnly(e.Deployments(e.Namespace).Create(ctx, d, metav1.CreateOptions{})))
		}},
		{"validation", "deployment: selector changed", func(ctx context.Context, e *Env, r *Recorder) {
			deployments := e.Deployments(e.Namespace)
			d, err := deployments.Create(ctx, deploymentNamed("d"), metav1.CreateOptions{})
			if err != nil {
				r.Err("create", err)
				return
			}
			d.Spec.Selector.MatchLabels = map[string]string{"app": "web", "tier": "x"}
			d.Spec.Template.Labels = map[string]string{"app": "web", "tier": "x"}
			r.Result("update")(nameOnly(deployments.Update(ctx, d, metav1.UpdateOptions{})))
		}},
		{"validation", "deployment: no containers", func(ctx context.Context, e *Env, r *Recorder) {
			d := deploymentNamed("d")
			d.Spec.Template.Spec.Containers = nil
			r.Result("create")(nameOnly(e.Deployments(e.Namespace).Create(ctx, d, metav1.CreateOptions{})))
		}},
		{"validation", "pod: no containers", func(ctx context.Context, e *Env, r *Recorder) {
			p := podNamed("p")
			p.Spec.Containers = nil
			r.Result("create")(nameOnly(e.Pods(e.Namespace).Create(ctx, p, metav1.CreateOptions{})))
		}},
		{"validation", "pod: container without an image", func(ctx context.Context, e *Env, r *Recorder) {
			p := podNamed("p")
			p.Spec.Containers[0].Image = ""
			r.Result("create")(nameOnly(e.Pods(e.Namespace).Create(ctx, p, metav1.CreateOptions{})))
		}},
		{"validation", "pod: image changed", func(ctx context.Context, e *Env, r *Recorder) {
			pods := e.Pods(e.Namespace)
			if _, err := pods.Create(ctx, podNamed("p"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch image")(nameOnly(pods.Patch(ctx, "p", types.StrategicMergePatchType,
				[]byte(`{"spec":{"containers":[{"name":"c","image":"nginx"}]}}`), metav1.PatchOptions{})))
		}},
		{"validation", "pod: restartPolicy changed", func(ctx context.Context, e *Env, r *Recorder) {
			pods := e.Pods(e.Namespace)
			if _, err := pods.Create(ctx, podNamed("p"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch restartPolicy")(nameOnly(pods.Patch(ctx, "p", types.MergePatchType,
				[]byte(`{"spec":{"restartPolicy":"Never"}}`), metav1.PatchOptions{})))
		}},
		{"validation", "service: clusterIP changed", func(ctx context.Context, e *Env, r *Recorder) {
			services := e.Services(e.Namespace)
			if _, err := services.Create(ctx, serviceNamed("s"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch clusterIP")(nameOnly(services.Patch(ctx, "s", types.MergePatchType,
				[]byte(`{"spec":{"clusterIP":"10.0.0.250","clusterIPs":["10.0.0.250"]}}`), metav1.PatchOptions{})))
		}},
		{"validation", "service: no ports", func(ctx context.Context, e *Env, r *Recorder) {
			s := serviceNamed("s")
			s.Spec.Ports = nil
			r.Result("create")(nameOnly(e.Services(e.Namespace).Create(ctx, s, metav1.CreateOptions{})))
		}},
		{"validation", "service: port out of range", func(ctx context.Context, e *Env, r *Recorder) {
			s := serviceNamed("s")
			s.Spec.Ports[0].Port = 70000
			r.Result("create")(nameOnly(e.Services(e.Namespace).Create(ctx, s, metav1.CreateOptions{})))
		}},
		{"validation", "lease: negative duration", func(ctx context.Context, e *Env, r *Recorder) {
			l := leaseNamed("l")
			n := int32(-1)
			l.Spec.LeaseDurationSeconds = &n
			r.Result("create")(nameOnly(e.Leases(e.Namespace).Create(ctx, l, metav1.CreateOptions{})))
		}},
	}
	for _, n := range []string{`-1`, `"x"`} {
		rules = append(rules, Rule{"validation", fmt.Sprintf("deployment: replicas patched to %s", n), func(ctx context.Context, e *Env, r *Recorder) {
			deployments := e.Deployments(e.Namespace)
			if _, err := deployments.Create(ctx, deploymentNamed("d"), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch")(nameOnly(deployments.Patch(ctx, "d", types.MergePatchType,
				[]byte(fmt.Sprintf(`{"spec":{"replicas":%s}}`, n)), metav1.PatchOptions{})))
		}})
	}
	return rules
}
