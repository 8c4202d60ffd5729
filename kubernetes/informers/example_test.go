package informers_test

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/kubegen/kubegen/kubernetes/fake"
	"github.com/kubegen/kubegen/kubernetes/informers"
)

// A shared informer factory over a clientset (here the fake one): request informers, start
// them, wait for their caches, then read through listers without calling the server.
func ExampleNewSharedInformerFactoryWithOptions() {
	client := fake.NewClientset(
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "web-1", Labels: map[string]string{"app": "web"}}},
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "db-1", Labels: map[string]string{"app": "db"}}},
		&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "other", Name: "web-2", Labels: map[string]string{"app": "web"}}},
	)
	factory := informers.NewSharedInformerFactoryWithOptions(client, 10*time.Minute, informers.WithNamespace("default"))
	pods := factory.Core().V1().Pods()
	pods.Informer() // request the informer before Start

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	defer factory.Shutdown()
	factory.Start(ctx.Done())
	if res := factory.WaitForCacheSyncWithContext(ctx); res.Err != nil {
		fmt.Println(res.Err)
		return
	}
	web, err := pods.Lister().Pods("default").List(labels.SelectorFromSet(labels.Set{"app": "web"}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range web {
		fmt.Println(p.Namespace + "/" + p.Name)
	}
	_, err = pods.Lister().Pods("other").Get("web-2")
	fmt.Println(err)
	// Output:
	// default/web-1
	// pods "web-2" not found
}
