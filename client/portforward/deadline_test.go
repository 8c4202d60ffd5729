package portforward

import (
	"testing"
	"time"
)

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestDeadline(t *testing.T) {
	past, future := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	tests := []struct {
		name    string
		sets    []time.Time
		expired bool
	}{
		{name: "none", expired: false},
		{name: "past", sets: []time.Time{past}, expired: true},
		{name: "future", sets: []time.Time{future}, expired: false},
		{name: "past then cleared", sets: []time.Time{past, {}}, expired: false},
		{name: "past then future", sets: []time.Time{past, future}, expired: false},
		{name: "future then past", sets: []time.Time{future, past}, expired: true},
		{name: "cleared then past", sets: []time.Time{{}, past}, expired: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDeadline()
			for _, s := range tt.sets {
				d.set(s)
			}
			if got := isClosed(d.done()); got != tt.expired {
				t.Errorf("expired = %v, want %v", got, tt.expired)
			}
		})
	}
}

// TestDeadlineMovedUnderWaiter: a caller already waiting on done() sees a deadline moved into the past.
func TestDeadlineMovedUnderWaiter(t *testing.T) {
	d := newDeadline()
	d.set(time.Now().Add(time.Hour))
	waiting := d.done()
	d.set(time.Now().Add(-time.Second))
	if !isClosed(waiting) {
		t.Error("the channel a waiter holds was not closed when the deadline moved into the past")
	}
}
