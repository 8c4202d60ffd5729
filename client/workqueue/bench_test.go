package workqueue

import (
	"strconv"
	"sync"
	"testing"
	"time"
)

func BenchmarkAddGetDone(b *testing.B) {
	q := New(Options[string]{})
	defer q.ShutDown()
	keys := benchKeys(1024)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q.Add(keys[i%len(keys)])
		k, _ := q.Get()
		q.Done(k)
	}
}

func BenchmarkAddDuplicate(b *testing.B) {
	q := New(Options[string]{})
	defer q.ShutDown()
	q.Add("dup")
	b.ReportAllocs()
	for b.Loop() {
		q.Add("dup")
	}
}

func BenchmarkWorkers(b *testing.B) {
	keys := benchKeys(4096)
	q := New(Options[string]{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				k, shutdown := q.Get()
				if shutdown {
					return
				}
				q.Done(k)
			}
		})
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			q.Add(keys[i%len(keys)])
			i++
		}
	})
	q.ShutDownWithDrain()
	wg.Wait()
}

func BenchmarkAddAfter(b *testing.B) {
	q := New(Options[string]{})
	defer q.ShutDown()
	keys := benchKeys(4096)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q.AddAfter(keys[i%len(keys)], time.Hour)
	}
}

func benchKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "default/object-" + strconv.Itoa(i)
	}
	return keys
}
