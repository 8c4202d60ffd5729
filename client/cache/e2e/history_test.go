//go:build e2e

package e2e_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// history is an event handler that records, per object, the sequence numbers it saw, and every
// violation: a second add for an object it has, or a sequence number going backwards.
type history struct {
	mu         sync.Mutex
	present    map[string]bool
	seen       map[string][]int
	violations []string
}

func newHistory() *history {
	return &history{present: map[string]bool{}, seen: map[string][]int{}}
}

func seqOf(cm *corev1.ConfigMap) int {
	n, _ := strconv.Atoi(cm.Data["seq"])
	return n
}

func (h *history) OnAdd(cm *corev1.ConfigMap, _ bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.present[cm.Name] {
		h.violations = append(h.violations, "duplicate add of "+cm.Name)
	}
	h.present[cm.Name] = true
	h.seen[cm.Name] = append(h.seen[cm.Name], seqOf(cm))
}

func (h *history) OnUpdate(old, cm *corev1.ConfigMap) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.present[cm.Name] {
		h.violations = append(h.violations, "update before add of "+cm.Name)
	}
	prev := h.seen[cm.Name]
	if len(prev) > 0 && seqOf(cm) < prev[len(prev)-1] {
		h.violations = append(h.violations, fmt.Sprintf("%s went back from seq %d to %d", cm.Name, prev[len(prev)-1], seqOf(cm)))
	}
	h.seen[cm.Name] = append(prev, seqOf(cm))
}

func (h *history) OnDelete(cm *corev1.ConfigMap) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.present[cm.Name] {
		h.violations = append(h.violations, "delete of unknown "+cm.Name)
	}
	delete(h.present, cm.Name)
}

func (h *history) seqs(name string) []int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int(nil), h.seen[name]...)
}

// waitSeq waits until the handler has seen seq for every name.
func (h *history) waitSeq(t *testing.T, names []string, seq int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for _, name := range names {
		for {
			s := h.seqs(name)
			if len(s) > 0 && s[len(s)-1] == seq {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: handler saw seq %v, never %d", name, s, seq)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func (h *history) check(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.violations) > 0 {
		t.Fatalf("%d handler violations, first: %q", len(h.violations), h.violations[:min(5, len(h.violations))])
	}
}
