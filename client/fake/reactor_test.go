package fake_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubegen/kubegen/client/fake"
)

func TestReactorsInjectErrorsAndRecordActions(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	obj := mustCreate(t, c, cm("ns", "a", nil))
	calls := 0
	tr.PrependReactor("update", "configmaps", func(a fake.Action) (bool, runtime.Object, error) {
		calls++
		if calls == 1 {
			return true, nil, apierrors.NewServiceUnavailable("try again")
		}
		return false, nil, nil
	})
	if _, err := c.Update(ctx, obj, metav1.UpdateOptions{}); !apierrors.IsServiceUnavailable(err) {
		t.Fatalf("first update: got %v, want the injected error", err)
	}
	obj.Data["k"] = "v2"
	if _, err := c.Update(ctx, obj, metav1.UpdateOptions{}); err != nil {
		t.Fatalf("second update fell through to the tracker: %v", err)
	}
	tr.PrependReactor("get", "*", func(a fake.Action) (bool, runtime.Object, error) {
		return true, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "canned"}}, nil
	})
	if got, err := c.Get(ctx, "a", metav1.GetOptions{}); err != nil || got.Name != "canned" {
		t.Fatalf("canned get: %v %v", got, err)
	}
	var verbs []string
	for _, a := range tr.Actions() {
		verbs = append(verbs, a.GetVerb())
	}
	if want := "create update update get"; join(verbs) != want {
		t.Errorf("actions %q, want %q", join(verbs), want)
	}
	tr.ClearActions()
	if len(tr.Actions()) != 0 {
		t.Error("ClearActions kept actions")
	}
}

func join(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}

func TestWatchReactor(t *testing.T) {
	tr := newTracker(t)
	fw := watch.NewFake()
	tr.PrependWatchReactor("configmaps", func(fake.Action) (bool, watch.Interface, error) { return true, fw, nil })
	w, err := configMaps(tr, "ns").Watch(context.Background(), metav1.ListOptions{})
	if err != nil || w != fw {
		t.Fatalf("watch reactor not used: %v", err)
	}
	tr.PrependWatchReactor("*", func(fake.Action) (bool, watch.Interface, error) { return true, nil, errors.New("boom") })
	if _, err := configMaps(tr, "ns").Watch(context.Background(), metav1.ListOptions{}); err == nil {
		t.Fatal("injected watch error lost")
	}
}

func TestScaleSubresource(t *testing.T) {
	ctx := context.Background()
	c := deployments(newTracker(t), "ns")
	d := mustCreateDeployment(t, c, deployment("web", 2))
	var scale autoscalingv1.Scale
	if err := c.GetSubresource(ctx, "web", "scale", nil, &scale); err != nil {
		t.Fatal(err)
	}
	if scale.Spec.Replicas != 2 || scale.Status.Selector != "app=web" || scale.ResourceVersion != d.ResourceVersion {
		t.Fatalf("scale %+v", scale)
	}
	scale.Spec.Replicas = 5
	var out autoscalingv1.Scale
	if err := c.UpdateSubresource(ctx, "web", "scale", &scale, nil, &out); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Get(ctx, "web", metav1.GetOptions{})
	if *got.Spec.Replicas != 5 || out.Spec.Replicas != 5 || got.Generation != 2 {
		t.Errorf("after scaling: spec %d scale %d generation %d", *got.Spec.Replicas, out.Spec.Replicas, got.Generation)
	}
	if err := c.UpdateSubresource(ctx, "web", "scale", &scale, nil, &out); !apierrors.IsConflict(err) {
		t.Errorf("stale scale: got %v, want Conflict", err)
	}
	if err := c.GetSubresource(ctx, "web", "nosuch", nil, &out); !apierrors.IsNotFound(err) {
		t.Errorf("unknown subresource: %v", err)
	}
}

func TestEvictionSubresource(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "p"}})
	pods := fake.NewClient(tr, corev1.SchemeGroupVersion.WithResource("pods"), corev1.SchemeGroupVersion.WithKind("Pod"), "ns",
		func() *corev1.Pod { return &corev1.Pod{} }, func() *corev1.PodList { return &corev1.PodList{} }, fake.WithStatusSubresource())
	ev := &policyv1.Eviction{ObjectMeta: metav1.ObjectMeta{Name: "p"}}
	if err := pods.CreateSubresource(ctx, "p", "eviction", ev, nil, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := pods.Get(ctx, "p", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("evicted pod still there: %v", err)
	}
}

func TestConcurrentUpdatesConflictAndRetry(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	mustCreate(t, c, cm("ns", "counter", nil))
	w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: tr.ResourceVersion()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	const workers, increments = 4, 25
	var wg sync.WaitGroup
	var mu sync.Mutex
	conflicts := 0
	for range workers {
		wg.Go(func() {
			for range increments {
				for {
					obj, err := c.Get(ctx, "counter", metav1.GetOptions{})
					if err != nil {
						t.Error(err)
						return
					}
					obj.Data["n"] += "x"
					if _, err = c.Update(ctx, obj, metav1.UpdateOptions{}); err == nil {
						break
					}
					if !apierrors.IsConflict(err) {
						t.Error(err)
						return
					}
					mu.Lock()
					conflicts++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	got, _ := c.Get(ctx, "counter", metav1.GetOptions{})
	if len(got.Data["n"]) != workers*increments {
		t.Fatalf("counter %d, want %d: an update was lost", len(got.Data["n"]), workers*increments)
	}
	if events := nextN(t, w, workers*increments); events[len(events)-1].RV != got.ResourceVersion {
		t.Errorf("last event %v, want resourceVersion %s", events[len(events)-1], got.ResourceVersion)
	}
	t.Logf("%d conflicts retried", conflicts)
}

// Custom resources usually keep their scale selector in status.labelSelector.
func TestScaleSelectorOfCustomResource(t *testing.T) {
	tr := newTracker(t)
	tr.Register(fake.Resource{Resource: cronTabGVR, Kind: cronTabGVK, HasStatus: true, CustomResource: true})
	ct := cronTab("ct", "@daily", 2)
	if _, err := tr.Create(cronTabGVR, "ns", ct, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	ct.Object["status"] = map[string]any{"replicas": int64(1), "labelSelector": "app=ct"}
	if _, err := tr.Update(cronTabGVR, "ns", ct, metav1.UpdateOptions{}, "status"); err != nil {
		t.Fatal(err)
	}
	c := fake.NewClient(tr, cronTabGVR, cronTabGVK, "ns",
		func() *unstructured.Unstructured { return &unstructured.Unstructured{} },
		func() *unstructured.UnstructuredList { return &unstructured.UnstructuredList{} },
		fake.WithStatusSubresource(), fake.AsCustomResource())
	var scale autoscalingv1.Scale
	if err := c.GetSubresource(context.Background(), "ct", "scale", nil, &scale); err != nil {
		t.Fatal(err)
	}
	if scale.Spec.Replicas != 2 || scale.Status.Replicas != 1 || scale.Status.Selector != "app=ct" {
		t.Errorf("scale %+v", scale)
	}
}

// Calls with a finished context fail with its error, as requests of the real client do.
func TestCanceledContext(t *testing.T) {
	c := configMaps(newTracker(t), "ns")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Create(ctx, cm("ns", "a", nil), metav1.CreateOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("create: %v", err)
	}
	if _, err := c.Watch(ctx, metav1.ListOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("watch: %v", err)
	}
	if _, err := c.Get(context.Background(), "a", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("the canceled create was carried out: %v", err)
	}
}

// Owner references without a uid (owners made by hand in controller tests) are accepted unless
// SetKindValidation asks for the apiserver's every rule, which refuses them.
func TestOwnerReferenceWithoutUID(t *testing.T) {
	ctx := context.Background()
	tr := newTracker(t)
	c := configMaps(tr, "ns")
	owned := cm("ns", "owned", nil)
	owned.OwnerReferences = []metav1.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: "owner"}}
	if _, err := c.Create(ctx, owned.DeepCopy(), metav1.CreateOptions{}); err != nil {
		t.Fatalf("create without kind validation: %v", err)
	}
	tr.SetKindValidation(true)
	owned.Name = "owned-strict"
	_, err := c.Create(ctx, owned, metav1.CreateOptions{})
	if !apierrors.IsInvalid(err) || !strings.Contains(err.Error(), "metadata.ownerReferences[0].uid") {
		t.Fatalf("create with kind validation: %v, want Invalid naming metadata.ownerReferences[0].uid", err)
	}
	owned.Name, owned.Labels = "owned-bad-label", map[string]string{"bad key": "v"}
	tr.SetKindValidation(false)
	if _, err := c.Create(ctx, owned, metav1.CreateOptions{}); !apierrors.IsInvalid(err) || strings.Contains(err.Error(), "uid") {
		t.Fatalf("create with a bad label: %v, want Invalid for the label only", err)
	}
}
