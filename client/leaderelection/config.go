package leaderelection

import (
	"context"
	"errors"
	"fmt"
	"time"

	rl "github.com/kubegen/kubegen/client/leaderelection/resourcelock"
)

// LeaderElectionConfig configures an election. Durations are measured on the candidate's own
// clock, from moments it observed; they never depend on the times other candidates write.
type LeaderElectionConfig struct {
	// Lock holds the election record, e.g. a *resourcelock.LeaseLock.
	Lock rl.Interface

	// LeaseDuration is how long a candidate waits after it last saw the record change before it
	// may take the lock from its holder. Written into the record rounded up to whole seconds;
	// candidates wait for the duration the holder wrote. Core components use 15s.
	LeaseDuration time.Duration
	// RenewDeadline is how long the leader keeps trying to renew, counted from the start of its
	// last successful renewal, before it stops leading. It must be shorter than LeaseDuration:
	// the difference is the time the leader's work has to stop before another candidate may
	// start. Core components use 10s.
	RenewDeadline time.Duration
	// RetryPeriod is the time between attempts to acquire or renew. Core components use 2s.
	RetryPeriod time.Duration

	// Callbacks are told about leadership changes.
	Callbacks LeaderCallbacks

	// WatchDog, when set, is tied to the elector by RunOrDie and Run so that it can report a
	// leader that failed to renew without stopping.
	WatchDog *HealthzAdaptor

	// ReleaseOnCancel releases the lock when the context given to Run is cancelled, so that
	// another candidate takes over at once instead of after LeaseDuration. The release waits
	// until OnStartedLeading has returned (at most until the lease would have expired anyway),
	// so make OnStartedLeading return promptly when its context is done.
	ReleaseOnCancel bool

	// Name names the election in logs.
	Name string
}

// LeaderCallbacks are called as the candidate's view of the election changes. OnStartedLeading
// runs in a goroutine of its own; OnNewLeader calls come from another goroutine, in order.
type LeaderCallbacks struct {
	// OnStartedLeading is called when the candidate becomes the leader. Its context is cancelled
	// when the candidate stops leading: the work it starts must stop then.
	OnStartedLeading func(ctx context.Context)
	// OnStoppedLeading is called when Run returns, whether or not the candidate ever led.
	OnStoppedLeading func()
	// OnNewLeader, when set, is called with the identity of each new leader the candidate observes,
	// itself included.
	OnNewLeader func(identity string)
}

// ErrInvalidConfig is wrapped by every error NewLeaderElector returns for a bad configuration.
var ErrInvalidConfig = errors.New("leaderelection: invalid config")

// jitterFactor is client-go's bound on RetryPeriod relative to RenewDeadline, kept so that a
// configuration valid for one library is valid for the other.
const jitterFactor = 1.2

// validate checks lec the way client-go does.
func (lec *LeaderElectionConfig) validate() error {
	switch {
	case lec.LeaseDuration <= lec.RenewDeadline:
		return invalid("leaseDuration (%s) must be greater than renewDeadline (%s)", lec.LeaseDuration, lec.RenewDeadline)
	case lec.RenewDeadline <= time.Duration(jitterFactor*float64(lec.RetryPeriod)):
		return invalid("renewDeadline (%s) must be greater than retryPeriod*%v (%s)", lec.RenewDeadline, jitterFactor, lec.RetryPeriod)
	case lec.LeaseDuration < 1:
		return invalid("leaseDuration must be greater than zero")
	case lec.RenewDeadline < 1:
		return invalid("renewDeadline must be greater than zero")
	case lec.RetryPeriod < 1:
		return invalid("retryPeriod must be greater than zero")
	case lec.Callbacks.OnStartedLeading == nil:
		return invalid("OnStartedLeading callback must not be nil")
	case lec.Callbacks.OnStoppedLeading == nil:
		return invalid("OnStoppedLeading callback must not be nil")
	case lec.Lock == nil:
		return invalid("Lock must not be nil")
	case lec.Lock.Identity() == "":
		return invalid("Lock identity is empty")
	}
	return nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidConfig}, args...)...)
}

// leaseSeconds is LeaseDuration as written into the record: whole seconds, rounded up so that no
// candidate ever waits less than the leader's configuration promises.
func (lec *LeaderElectionConfig) leaseSeconds() int {
	return int((lec.LeaseDuration + time.Second - 1) / time.Second)
}
