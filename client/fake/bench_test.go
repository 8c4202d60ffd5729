package fake_test

import (
	"context"
	"strconv"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// BenchmarkCreate measures a create through the fake client (copies in and out, one event logged).
func BenchmarkCreate(b *testing.B) {
	c := configMaps(newTracker(b), "ns")
	ctx := context.Background()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Create(ctx, cm("ns", "cm"+strconv.Itoa(i), map[string]string{"app": "web"}), metav1.CreateOptions{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkUpdate measures a conditional update of one object.
func BenchmarkUpdate(b *testing.B) {
	c := configMaps(newTracker(b), "ns")
	ctx := context.Background()
	obj := mustCreate(b, c, cm("ns", "a", nil))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		obj.Data["k"] = strconv.Itoa(i)
		var err error
		if obj, err = c.Update(ctx, obj, metav1.UpdateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListSelector lists 100 of 1,000 objects by label.
func BenchmarkListSelector(b *testing.B) {
	c := configMaps(newTracker(b), "ns")
	for i := range 1000 {
		mustCreate(b, c, cm("ns", "cm"+strconv.Itoa(i), map[string]string{"shard": strconv.Itoa(i % 10)}))
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		list, err := c.List(ctx, metav1.ListOptions{LabelSelector: "shard=3"})
		if err != nil || len(list.Items) != 100 {
			b.Fatal(err, len(list.Items))
		}
	}
}

// BenchmarkWatchFanout measures one write delivered to 10 watchers.
func BenchmarkWatchFanout(b *testing.B) {
	tr := newTracker(b)
	c := configMaps(tr, "ns")
	ctx := context.Background()
	done := make(chan struct{})
	const watchers = 10
	for range watchers {
		w, err := c.Watch(ctx, metav1.ListOptions{ResourceVersion: tr.ResourceVersion()})
		if err != nil {
			b.Fatal(err)
		}
		defer w.Stop()
		go func() {
			for range w.ResultChan() {
				done <- struct{}{}
			}
		}()
	}
	obj := mustCreate(b, c, cm("ns", "a", nil))
	for range watchers {
		<-done
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		obj.Data["k"] = strconv.Itoa(i)
		var err error
		if obj, err = c.Update(ctx, obj, metav1.UpdateOptions{}); err != nil {
			b.Fatal(err)
		}
		for range watchers {
			<-done
		}
	}
}
