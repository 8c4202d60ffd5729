package workqueue

import "time"

// clock is the time source of a queue; tests replace it with a fake one.
type clock interface {
	Now() time.Time
	AfterFunc(d time.Duration, f func()) stopper
}

// stopper cancels a pending AfterFunc.
type stopper interface {
	Stop() bool
}

type realClock struct{}

// Now implements clock.
func (realClock) Now() time.Time { return time.Now() }

// AfterFunc implements clock.
func (realClock) AfterFunc(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) }
