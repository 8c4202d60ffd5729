package fake_test

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/client/fake"
)

// A fake ConfigMaps client: create, list with a label selector, and an optimistic-concurrency conflict.
func Example() {
	ctx := context.Background()
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	tracker, err := fake.NewTracker(scheme)
	if err != nil {
		panic(err)
	}
	configMaps := fake.NewClient(tracker,
		corev1.SchemeGroupVersion.WithResource("configmaps"), corev1.SchemeGroupVersion.WithKind("ConfigMap"), "default",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} },
		func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })

	for _, app := range []string{"web", "db", "web"} {
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{GenerateName: app + "-", Labels: map[string]string{"app": app}}}
		if _, err := configMaps.Create(ctx, cm, metav1.CreateOptions{}); err != nil {
			panic(err)
		}
	}
	list, err := configMaps.List(ctx, metav1.ListOptions{LabelSelector: "app=web"})
	if err != nil {
		panic(err)
	}
	fmt.Println("web configmaps:", len(list.Items), "at resourceVersion", list.ResourceVersion)

	first := list.Items[0].DeepCopy()
	first.Data = map[string]string{"owner": "alice"}
	if _, err := configMaps.Update(ctx, first, metav1.UpdateOptions{}); err != nil {
		panic(err)
	}
	stale := list.Items[0].DeepCopy() // still at the resourceVersion read before the update
	stale.Data = map[string]string{"owner": "bob"}
	_, err = configMaps.Update(ctx, stale, metav1.UpdateOptions{})
	fmt.Println("stale update is a conflict:", apierrors.IsConflict(err))
	// Output:
	// web configmaps: 2 at resourceVersion 3
	// stale update is a conflict: true
}

func newExampleClient() (*fake.Tracker, *fake.Client[*corev1.ConfigMap, *corev1.ConfigMapList]) {
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	tracker, err := fake.NewTracker(scheme)
	if err != nil {
		panic(err)
	}
	return tracker, fake.NewClient(tracker,
		corev1.SchemeGroupVersion.WithResource("configmaps"), corev1.SchemeGroupVersion.WithKind("ConfigMap"), "default",
		func() *corev1.ConfigMap { return &corev1.ConfigMap{} },
		func() *corev1.ConfigMapList { return &corev1.ConfigMapList{} })
}

// Inject a failure: the first update of any ConfigMap fails with 503, later ones reach the tracker.
func ExampleTracker_PrependReactor() {
	ctx := context.Background()
	tracker, configMaps := newExampleClient()
	cm, _ := configMaps.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings"}}, metav1.CreateOptions{})

	failed := false
	tracker.PrependReactor("update", "configmaps", func(fake.Action) (bool, runtime.Object, error) {
		if failed {
			return false, nil, nil // fall through to the tracker
		}
		failed = true
		return true, nil, apierrors.NewServiceUnavailable("etcd is busy")
	})
	for attempt := 1; ; attempt++ {
		_, err := configMaps.Update(ctx, cm, metav1.UpdateOptions{})
		fmt.Printf("attempt %d: service unavailable %v\n", attempt, apierrors.IsServiceUnavailable(err))
		if err == nil {
			break
		}
	}
	for _, a := range tracker.Actions() {
		// Creates and updates carry the object as passed (client/testing's CreateActionImpl, UpdateActionImpl).
		written := a.(interface{ GetObject() runtime.Object }).GetObject().(*corev1.ConfigMap)
		fmt.Println(a.GetVerb(), a.GetResource().Resource, written.Name)
	}
	// Output:
	// attempt 1: service unavailable true
	// attempt 2: service unavailable false
	// create configmaps settings
	// update configmaps settings
	// update configmaps settings
}

// Watch from the resourceVersion of a list: no change between the list and the watch is lost.
func ExampleClient_Watch() {
	ctx := context.Background()
	_, configMaps := newExampleClient()
	_, _ = configMaps.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "a"}}, metav1.CreateOptions{})
	list, _ := configMaps.List(ctx, metav1.ListOptions{})

	_, _ = configMaps.Create(ctx, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "b"}}, metav1.CreateOptions{})
	_ = configMaps.Delete(ctx, "a", metav1.DeleteOptions{})

	w, err := configMaps.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion})
	if err != nil {
		panic(err)
	}
	defer w.Stop()
	for range 2 {
		ev := <-w.ResultChan()
		cm := ev.Object.(*corev1.ConfigMap)
		fmt.Println(ev.Type, cm.Name, cm.ResourceVersion)
	}
	// Output:
	// ADDED b 2
	// DELETED a 3
}
