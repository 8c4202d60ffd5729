package controller_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"

	clientfake "github.com/kubegen/kubegen/client/fake"
	"github.com/kubegen/kubegen/examples/crd/controller"
)

// BenchmarkConverge measures a controller over the fake clientset from start to the status of
// 1,000 new CronTabs written: informer sync, queueing, reconciling and the status writes.
func BenchmarkConverge(b *testing.B) {
	const n = 1000
	objects := make([]runtime.Object, n)
	for i := range objects {
		objects[i] = newCronTab("default", fmt.Sprintf("ct-%d", i), int32(i%5))
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		cs, err := newFakeB(objects)
		if err != nil {
			b.Fatal(err)
		}
		var written atomic.Int32
		all := make(chan struct{})
		cs.Tracker().PrependReactor("update", "crontabs/status", func(clientfake.Action) (bool, runtime.Object, error) {
			if written.Add(1) == n {
				close(all)
			}
			return false, nil, nil
		})
		factory := newFactory(cs)
		c, err := controller.New(cs.StableV1(), factory.Stable().V1().CronTabs(), controller.Options{Workers: 2})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		b.StartTimer()
		go func() { done <- c.Run(ctx) }()
		factory.Start(ctx.Done())
		<-all
		b.StopTimer()
		cancel()
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		factory.Shutdown()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "crontabs/s")
}
