package workqueue

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func newTestQueue(t *testing.T) (*Queue[string], *fakeClock) {
	t.Helper()
	q := New(Options[string]{RateLimiter: NewExponentialRateLimiter[string](time.Second, time.Minute)})
	c := newFakeClock()
	q.clock = c
	t.Cleanup(q.ShutDown)
	return q, c
}

// drain takes every ready key, marks it Done and returns the keys in order.
func drain(q *Queue[string]) []string {
	var got []string
	for q.Len() > 0 {
		k, _ := q.Get()
		got = append(got, k)
		q.Done(k)
	}
	return got
}

func TestAddDeduplicatesPendingKeys(t *testing.T) {
	tests := []struct {
		name string
		adds []string
		want []string
	}{
		{"distinct keys keep order", []string{"a", "b", "c"}, []string{"a", "b", "c"}},
		{"duplicates collapse", []string{"a", "a", "b", "a", "b"}, []string{"a", "b"}},
		{"empty key is a key", []string{"", "", "x"}, []string{"", "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, _ := newTestQueue(t)
			for _, k := range tc.adds {
				q.Add(k)
			}
			if q.Len() != len(tc.want) {
				t.Fatalf("Len() = %d, want %d", q.Len(), len(tc.want))
			}
			got := drain(q)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestKeyAddedWhileProcessingIsRequeuedAfterDone(t *testing.T) {
	q, _ := newTestQueue(t)
	q.Add("a")
	k, _ := q.Get()
	q.Add("a")
	q.Add("a")
	if q.Len() != 0 {
		t.Fatalf("key being processed was handed out again: Len() = %d", q.Len())
	}
	q.Done(k)
	if q.Len() != 1 {
		t.Fatalf("after Done, Len() = %d, want 1", q.Len())
	}
	k2, _ := q.Get()
	q.Done(k2)
	if k2 != "a" || q.Len() != 0 {
		t.Fatalf("got %q with %d left, want a single re-delivery of a", k2, q.Len())
	}
}

func TestDoneWithoutReAddDoesNotRequeue(t *testing.T) {
	q, _ := newTestQueue(t)
	q.Add("a")
	k, _ := q.Get()
	q.Done(k)
	if q.Len() != 0 {
		t.Fatalf("Len() = %d after Done, want 0", q.Len())
	}
}

func TestExtraDoneDoesNotDuplicateAKey(t *testing.T) {
	q, _ := newTestQueue(t)
	q.Add("a")
	k, _ := q.Get()
	q.Done(k)
	q.Add("a")
	q.Done("a") // a bug in the caller: "a" is queued, not being processed
	if q.Len() != 1 {
		t.Fatalf("Len() = %d, want 1: a stray Done queued a key twice", q.Len())
	}
}

func TestShutDownWakesBlockedWorkers(t *testing.T) {
	q, _ := newTestQueue(t)
	const workers = 4
	results := make(chan bool, workers)
	for range workers {
		go func() {
			_, shutdown := q.Get()
			results <- shutdown
		}()
	}
	q.ShutDown()
	for range workers {
		if !<-results {
			t.Fatal("Get returned a key from an empty queue after ShutDown")
		}
	}
}

func TestShutDownHandsOutRemainingKeysAndRefusesNewOnes(t *testing.T) {
	q, _ := newTestQueue(t)
	q.Add("a")
	q.ShutDown()
	q.Add("b")
	if !q.ShuttingDown() {
		t.Fatal("ShuttingDown() = false after ShutDown")
	}
	k, shutdown := q.Get()
	if shutdown || k != "a" {
		t.Fatalf("Get() = %q, %v; want the remaining key a", k, shutdown)
	}
	q.Done(k)
	if _, shutdown := q.Get(); !shutdown {
		t.Fatal("Get() handed out a key added after ShutDown")
	}
}

func TestShutDownWithDrainWaitsForWork(t *testing.T) {
	q, _ := newTestQueue(t)
	for i := range 20 {
		q.Add(fmt.Sprint(i))
	}
	var processed atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				k, shutdown := q.Get()
				if shutdown {
					return
				}
				<-release
				processed.Add(1)
				q.Done(k)
			}
		})
	}
	drained := make(chan int32)
	go func() {
		q.ShutDownWithDrain()
		drained <- processed.Load()
	}()
	close(release)
	if n := <-drained; n != 20 {
		t.Fatalf("ShutDownWithDrain returned after %d of 20 keys were processed", n)
	}
	wg.Wait()
}

func TestAddAfterReleasesKeysInTimeOrder(t *testing.T) {
	q, c := newTestQueue(t)
	q.AddAfter("late", 10*time.Second)
	q.AddAfter("early", 5*time.Second)
	q.AddAfter("now", 0)
	if got := drain(q); fmt.Sprint(got) != "[now]" {
		t.Fatalf("before any time passed got %q, want [now]", got)
	}
	c.Step(5 * time.Second)
	if got := drain(q); fmt.Sprint(got) != "[early]" {
		t.Fatalf("after 5s got %q, want [early]", got)
	}
	c.Step(5 * time.Second)
	if got := drain(q); fmt.Sprint(got) != "[late]" {
		t.Fatalf("after 10s got %q, want [late]", got)
	}
	if c.armed() != 0 {
		t.Fatalf("%d timers still armed with nothing waiting", c.armed())
	}
}

func TestAddAfterKeepsEarliestTime(t *testing.T) {
	tests := []struct {
		name    string
		delays  []time.Duration
		readyAt time.Duration
	}{
		{"shorter delay wins", []time.Duration{10 * time.Second, 3 * time.Second}, 3 * time.Second},
		{"longer delay ignored", []time.Duration{3 * time.Second, 10 * time.Second}, 3 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, c := newTestQueue(t)
			for _, d := range tc.delays {
				q.AddAfter("k", d)
			}
			c.Step(tc.readyAt - time.Millisecond)
			if q.Len() != 0 {
				t.Fatal("key released early")
			}
			c.Step(time.Millisecond)
			if got := drain(q); len(got) != 1 {
				t.Fatalf("got %q, want one k", got)
			}
			c.Step(time.Hour)
			if q.Len() != 0 {
				t.Fatal("key released twice")
			}
		})
	}
}

func TestDelayedKeyAlreadyQueuedIsNotDuplicated(t *testing.T) {
	q, c := newTestQueue(t)
	q.AddAfter("k", time.Second)
	q.Add("k")
	c.Step(time.Second)
	if q.Len() != 1 {
		t.Fatalf("Len() = %d, want 1", q.Len())
	}
}

func TestShutDownDropsDelayedKeys(t *testing.T) {
	q, c := newTestQueue(t)
	q.AddAfter("k", time.Second)
	q.ShutDown()
	q.AddAfter("late", time.Second)
	if c.armed() != 0 {
		t.Fatal("timer left armed after ShutDown, or armed by AddAfter after it")
	}
	c.Step(time.Minute)
	if _, shutdown := q.Get(); !shutdown {
		t.Fatal("delayed key released after ShutDown")
	}
}

func TestAddRateLimitedBacksOffAndForgetResets(t *testing.T) {
	q, c := newTestQueue(t)
	for i, wait := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		q.AddRateLimited("k")
		if q.NumRequeues("k") != i+1 {
			t.Fatalf("NumRequeues = %d, want %d", q.NumRequeues("k"), i+1)
		}
		c.Step(wait - time.Millisecond)
		if q.Len() != 0 {
			t.Fatalf("attempt %d released before %v", i+1, wait)
		}
		c.Step(time.Millisecond)
		if got := drain(q); len(got) != 1 {
			t.Fatalf("attempt %d: got %q after %v", i+1, got, wait)
		}
	}
	q.Forget("k")
	if q.NumRequeues("k") != 0 {
		t.Fatalf("NumRequeues = %d after Forget", q.NumRequeues("k"))
	}
	q.AddRateLimited("k")
	c.Step(time.Second)
	if q.Len() != 1 {
		t.Fatal("backoff not reset by Forget")
	}
}

// TestConcurrentWorkersNeverShareAKey runs many producers and workers and checks that no key is
// processed by two workers at once and that every key is processed after its last Add.
func TestConcurrentWorkersNeverShareAKey(t *testing.T) {
	q := New(Options[int]{})
	const keys, rounds, workers = 16, 200, 4
	var inFlight [keys]atomic.Int32
	var lastAdd, lastStart [keys]atomic.Int64
	var seq atomic.Int64
	var violations atomic.Int32
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				k, shutdown := q.Get()
				if shutdown {
					return
				}
				if inFlight[k].Add(1) != 1 {
					violations.Add(1)
				}
				lastStart[k].Store(seq.Add(1))
				runtime.Gosched()
				inFlight[k].Add(-1)
				q.Done(k)
			}
		})
	}
	var producers sync.WaitGroup
	for p := range 4 {
		producers.Go(func() {
			for r := range rounds {
				k := (r + p) % keys
				lastAdd[k].Store(seq.Add(1))
				q.Add(k)
			}
		})
	}
	producers.Wait()
	q.ShutDownWithDrain()
	wg.Wait()
	if violations.Load() != 0 {
		t.Fatalf("%d times a key was processed concurrently", violations.Load())
	}
	for k := range keys {
		if lastStart[k].Load() < lastAdd[k].Load() {
			t.Errorf("key %d: last Add (seq %d) never processed (last start seq %d)", k, lastAdd[k].Load(), lastStart[k].Load())
		}
	}
}

func TestShutDownLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
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
	q.AddAfter("later", time.Hour)
	q.Add("now")
	q.ShutDownWithDrain()
	wg.Wait()
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 1000 {
			t.Fatalf("%d goroutines running after shutdown, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(time.Millisecond)
	}
}
