package workqueue_test

import (
	"fmt"
	"sync"

	"github.com/kubegen/kubegen/client/workqueue"
)

// A controller's loop: workers take keys, process them, and either Forget them on success or put
// them back with AddRateLimited on failure.
func Example() {
	q := workqueue.New(workqueue.Options[string]{})
	for _, key := range []string{"default/a", "default/b", "default/a"} {
		q.Add(key) // the second default/a is dropped: it is already queued
	}

	var mu sync.Mutex
	processed := map[string]int{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for {
				key, shutdown := q.Get()
				if shutdown {
					return
				}
				mu.Lock()
				processed[key]++
				mu.Unlock()
				q.Forget(key) // success: reset the key's backoff
				q.Done(key)
			}
		})
	}
	q.ShutDownWithDrain() // waits until both keys are processed
	wg.Wait()
	fmt.Println(processed)
	// Output: map[default/a:1 default/b:1]
}
