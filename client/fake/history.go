package fake

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
)

// event is one write, as logged for watches and for lists at past resourceVersions.
type event struct {
	rv   uint64
	gvr  schema.GroupVersionResource
	key  string
	typ  watch.EventType
	obj  runtime.Object // state after the write; for deletions the last state, at the deletion's rv
	prev runtime.Object // state before the write; nil for additions
}

// history is the log of recent events, oldest first, with consecutive resourceVersions.
type history struct {
	events    []event
	limit     int
	compacted uint64 // every event with rv <= compacted is forgotten
}

func (h *history) add(ev event) {
	h.events = append(h.events, ev)
	h.trim(false)
}

// trim drops the oldest events beyond the limit. Unless force is set it waits until a quarter of the
// limit is in excess, so that adding stays amortized O(1).
func (h *history) trim(force bool) {
	excess := len(h.events) - h.limit
	if excess <= 0 || (!force && excess <= h.limit/4) {
		return
	}
	h.compacted = h.events[excess-1].rv
	h.events = append([]event(nil), h.events[excess:]...)
}

// since returns the events after rv; ok is false when some of them were forgotten.
func (h *history) since(rv uint64) (events []event, ok bool) {
	if rv < h.compacted {
		return nil, false
	}
	// Events have consecutive resourceVersions starting at compacted+1.
	start := int(rv - h.compacted)
	if start >= len(h.events) {
		return nil, true
	}
	return h.events[start:], true
}
