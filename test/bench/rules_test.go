//go:build e2e

package bench

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	cgkubernetes "k8s.io/client-go/kubernetes"
	cgfake "k8s.io/client-go/kubernetes/fake"

	"github.com/kubegen/kubegen/client/typed/typedtest"
	"github.com/kubegen/kubegen/internal/codegen/smdschema/schematest"
	"github.com/kubegen/kubegen/internal/rulesenv"
	kgkubernetes "github.com/kubegen/kubegen/kubernetes"
	kgfake "github.com/kubegen/kubegen/kubernetes/fake"
	"github.com/kubegen/kubegen/test/cluster"
)

var testCluster *cluster.Cluster

func TestMain(m *testing.M) { os.Exit(cluster.Run(m, &testCluster)) }

// cgEnv gives a rules scenario the clients of a client-go clientset, as rulesenv.Env does for kubegen's:
// the generated typed clients of both have the methods typedtest.RW asks for.
func cgEnv(cs cgkubernetes.Interface, ns string) *typedtest.Env {
	return &typedtest.Env{
		Namespace:  ns,
		Namespaces: cs.CoreV1().Namespaces(),
		ConfigMaps: func(ns string) typedtest.RWC[*corev1.ConfigMap, *corev1.ConfigMapList] {
			return cs.CoreV1().ConfigMaps(ns)
		},
		Secrets:  func(ns string) typedtest.RW[*corev1.Secret, *corev1.SecretList] { return cs.CoreV1().Secrets(ns) },
		Pods:     func(ns string) typedtest.RW[*corev1.Pod, *corev1.PodList] { return cs.CoreV1().Pods(ns) },
		Services: func(ns string) typedtest.RW[*corev1.Service, *corev1.ServiceList] { return cs.CoreV1().Services(ns) },
		Deployments: func(ns string) typedtest.RW[*appsv1.Deployment, *appsv1.DeploymentList] {
			return cs.AppsV1().Deployments(ns)
		},
		StatefulSets: func(ns string) typedtest.RW[*appsv1.StatefulSet, *appsv1.StatefulSetList] {
			return cs.AppsV1().StatefulSets(ns)
		},
		DaemonSets: func(ns string) typedtest.RW[*appsv1.DaemonSet, *appsv1.DaemonSetList] {
			return cs.AppsV1().DaemonSets(ns)
		},
		Jobs: func(ns string) typedtest.RW[*batchv1.Job, *batchv1.JobList] { return cs.BatchV1().Jobs(ns) },
		Leases: func(ns string) typedtest.RW[*coordinationv1.Lease, *coordinationv1.LeaseList] {
			return cs.CoordinationV1().Leases(ns)
		},
	}
}

// runSafely runs a rule, turning a panic of the fake into the transcript's last line.
func runSafely(ctx context.Context, rule typedtest.Rule, e *typedtest.Env) (out typedtest.Transcript) {
	defer func() {
		if p := recover(); p != nil {
			out = typedtest.Transcript{fmt.Sprintf("panic: %v", p)}
		}
	}()
	return typedtest.RunRule(ctx, rule, e)
}

// TestRulesOnFakes runs the rules suite (typedtest.Rules) against kube-apiserver and, side by side,
// against kubegen's fake clientset (schema, namespace lifecycle and kind validation on, as
// client/typed/e2e TestRulesMatchFake runs it) and client-go's NewClientset and NewSimpleClientset,
// and reports how many scenarios each answers exactly as the apiserver. The README's comparison
// table comes from its log.
func TestRulesOnFakes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	real, err := kgkubernetes.NewForConfig(testCluster.AdminConfig())
	if err != nil {
		t.Fatal(err)
	}
	kg := kgfake.NewClientset()
	p, err := schematest.Parser("k8s.io/api/core/v1", "k8s.io/api/apps/v1", "k8s.io/api/batch/v1", "k8s.io/api/coordination/v1")
	if err != nil {
		t.Fatal(err)
	}
	kg.Tracker().SetSchema(p)
	if err := kg.Tracker().SetNamespaceLifecycle(true); err != nil {
		t.Fatal(err)
	}
	kg.Tracker().SetKindValidation(true)
	cgNew := cgfake.NewClientset()
	cgSimple := cgfake.NewSimpleClientset()
	realGadgets, kgGadgets, newCGGadgets := gadgetClients(t, kg.Tracker())
	cgNewGadgets, cgSimpleGadgets := newCGGadgets(), newCGGadgets()
	withGadgets := func(e *typedtest.Env, gadgets func(ns string) typedtest.RW[*u, *ul]) *typedtest.Env {
		e.Gadgets = gadgets
		return e
	}

	fakes := []struct {
		name string
		env  func(ns string) *typedtest.Env
		ns   func(ns string) error
	}{
		{"kubegen fake.NewClientset", func(ns string) *typedtest.Env { return withGadgets(rulesenv.Env(kg, ns), kgGadgets) }, func(ns string) error {
			_, err := kg.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
			return err
		}},
		{"client-go NewClientset", func(ns string) *typedtest.Env { return withGadgets(cgEnv(cgNew, ns), cgNewGadgets) }, func(ns string) error {
			_, err := cgNew.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
			return err
		}},
		{"client-go NewSimpleClientset", func(ns string) *typedtest.Env { return withGadgets(cgEnv(cgSimple, ns), cgSimpleGadgets) }, func(ns string) error {
			_, err := cgSimple.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
			return err
		}},
	}
	rules := typedtest.Rules()
	exact := make([]int, len(fakes))
	panics := make([]int, len(fakes))
	groups := map[string][]int{}
	var order []string
	for i, rule := range rules {
		ns := fmt.Sprintf("bench-rules-%03d", i)
		if _, err := real.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create namespace %s: %v", ns, err)
		}
		want := typedtest.RunRule(ctx, rule, withGadgets(rulesenv.Env(real, ns), realGadgets))
		if groups[rule.Group] == nil {
			groups[rule.Group] = make([]int, len(fakes)+1)
			order = append(order, rule.Group)
		}
		groups[rule.Group][0]++
		for j, f := range fakes {
			if err := f.ns(ns); err != nil {
				t.Fatalf("%s: create namespace %s: %v", f.name, ns, err)
			}
			got := runSafely(ctx, rule, f.env(ns))
			if len(got) == 1 && strings.HasPrefix(got[0], "panic: ") {
				panics[j]++
			}
			if typedtest.Diff(want, got) == "" {
				exact[j]++
				groups[rule.Group][j+1]++
			}
		}
	}
	var table strings.Builder
	fmt.Fprintf(&table, "| group | scenarios |")
	for _, f := range fakes {
		fmt.Fprintf(&table, " %s |", f.name)
	}
	table.WriteString("\n|---|---|---|---|---|\n")
	for _, g := range order {
		fmt.Fprintf(&table, "| %s | %d |", g, groups[g][0])
		for j := range fakes {
			fmt.Fprintf(&table, " %d |", groups[g][j+1])
		}
		table.WriteString("\n")
	}
	fmt.Fprintf(&table, "| all | %d |", len(rules))
	for j := range fakes {
		fmt.Fprintf(&table, " %d (%.0f%%) |", exact[j], 100*float64(exact[j])/float64(len(rules)))
	}
	fmt.Fprintf(&table, "\n| panics | |")
	for j := range fakes {
		fmt.Fprintf(&table, " %d |", panics[j])
	}
	t.Logf("exact matches with kube-apiserver 1.37, per fake:\n%s", table.String())
	if len(rules) < 150 {
		t.Errorf("the rules suite has %d scenarios, want at least 150", len(rules))
	}
}
