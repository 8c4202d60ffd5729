package leaderelection

import "sync"

// notifier calls a callback with values in the order they were sent, from one goroutine at a
// time, without ever blocking the sender.
type notifier struct {
	mu      sync.Mutex
	queue   []string
	running bool
}

func (n *notifier) send(fn func(string), v string) {
	n.mu.Lock()
	n.queue = append(n.queue, v)
	start := !n.running
	n.running = true
	n.mu.Unlock()
	if start {
		go n.drain(fn)
	}
}

func (n *notifier) drain(fn func(string)) {
	for {
		n.mu.Lock()
		if len(n.queue) == 0 {
			n.running = false
			n.mu.Unlock()
			return
		}
		v := n.queue[0]
		n.queue = n.queue[1:]
		n.mu.Unlock()
		fn(v)
	}
}
