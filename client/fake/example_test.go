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
