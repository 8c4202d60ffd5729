package controller_test

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	stablev1 "github.com/kubegen/kubegen/examples/crd/apis/stable/v1"
	"github.com/kubegen/kubegen/examples/crd/controller"
	"github.com/kubegen/kubegen/examples/crd/generated/clientset/fake"
	"github.com/kubegen/kubegen/examples/crd/generated/informers"
)

// The controller wired to a generated clientset and informer factory. The fake clientset stands
// in for a cluster here; with clientset.NewForConfig the code is the same.
func Example() {
	replicas := int32(3)
	nightly := &stablev1.CronTab{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "nightly"},
		Spec:       stablev1.CronTabSpec{CronSpec: "0 2 * * *", Image: "backup:1", Replicas: &replicas},
	}
	client := fake.NewClientset(nightly)
	factory := informers.NewSharedInformerFactory(client, 0)
	c, err := controller.New(client.StableV1(), factory.Stable().V1().CronTabs(), controller.Options{Workers: 2})
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- c.Run(ctx) }()
	factory.Start(ctx.Done())

	// Watch until the controller has written the status.
	w, err := client.StableV1().CronTabs("default").Watch(ctx, metav1.ListOptions{})
	if err != nil {
		panic(err)
	}
	for event := range w.ResultChan() {
		if ct, ok := event.Object.(*stablev1.CronTab); ok && controller.UpToDate(ct) {
			fmt.Printf("%s: replicas=%d selector=%s\n", ct.Name, ct.Status.Replicas, ct.Status.LabelSelector)
			break
		}
	}
	w.Stop()

	cancel()
	if err := <-done; err != nil {
		panic(err)
	}
	factory.Shutdown()
	// Output: nightly: replicas=3 selector=stable.example.com/crontab=nightly
}

// DesiredStatus is the controller's whole domain logic, a pure function.
func ExampleDesiredStatus() {
	ct := &stablev1.CronTab{ObjectMeta: metav1.ObjectMeta{Name: "hourly"}}
	now := time.Date(2026, 11, 21, 8, 30, 0, 0, time.UTC)
	status := controller.DesiredStatus(ct, now)
	fmt.Println(status.Replicas, status.LabelSelector, status.LastScheduleTime.UTC().Format(time.RFC3339))
	// Output: 1 stable.example.com/crontab=hourly 2026-11-21T08:30:00Z
}
