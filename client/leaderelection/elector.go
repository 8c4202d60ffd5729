package leaderelection

import (
	"bytes"
	"context"
	"math/rand/v2"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/klog/v2"

	rl "github.com/kubegen/kubegen/client/leaderelection/resourcelock"
)

// LeaderElector runs one candidate of an election. Create it with NewLeaderElector and run it
// with Run; IsLeader, GetLeader and Check may be called from any goroutine.
type LeaderElector struct {
	config LeaderElectionConfig
	now    func() time.Time // the candidate's clock; tests skew it

	mu             sync.RWMutex
	observedRecord rl.LeaderElectionRecord
	observedRaw    []byte    // encoding of observedRecord as last read; nil after own writes
	observedTime   time.Time // when this candidate saw observedRecord change

	reportedLeader string // touched only by the Run goroutine
	newLeaders     notifier
}

// NewLeaderElector validates lec and returns a candidate; errors wrap ErrInvalidConfig.
func NewLeaderElector(lec LeaderElectionConfig) (*LeaderElector, error) {
	if err := lec.validate(); err != nil {
		return nil, err
	}
	return &LeaderElector{config: lec, now: time.Now}, nil
}

// RunOrDie runs a candidate with lec until ctx is done or it stops leading, and panics if lec is
// invalid.
func RunOrDie(ctx context.Context, lec LeaderElectionConfig) {
	if err := Run(ctx, lec); err != nil {
		panic(err)
	}
}

// Run is RunOrDie returning a configuration error instead of panicking.
func Run(ctx context.Context, lec LeaderElectionConfig) error {
	le, err := NewLeaderElector(lec)
	if err != nil {
		return err
	}
	if lec.WatchDog != nil {
		lec.WatchDog.SetLeaderElection(le)
	}
	le.Run(ctx)
	return nil
}

// Run tries to acquire the lock until it succeeds or ctx is done; once leading, it calls
// OnStartedLeading and renews the lock until ctx is done or a renewal fails for RenewDeadline.
// Then it cancels OnStartedLeading's context, releases the lock if ReleaseOnCancel is set, calls
// OnStoppedLeading and returns. A candidate that stopped leading does not compete again: run a new
// one (usually: exit the process and let it restart).
func (le *LeaderElector) Run(ctx context.Context) {
	defer le.config.Callbacks.OnStoppedLeading()
	renewedAt, ok := le.acquire(ctx)
	if !ok {
		return
	}
	leadCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	leading := make(chan struct{})
	go func() {
		defer close(leading)
		le.config.Callbacks.OnStartedLeading(leadCtx)
	}()
	renewedAt = le.renew(ctx, renewedAt)
	cancel()
	le.config.Lock.RecordEvent("stopped leading")
	if le.config.ReleaseOnCancel {
		le.release(klog.FromContext(ctx), leading, renewedAt)
	}
}

// GetLeader returns the identity of the last observed leader, "" before any was observed.
func (le *LeaderElector) GetLeader() string { return le.observed().HolderIdentity }

// IsLeader reports whether the last observed leader is this candidate.
func (le *LeaderElector) IsLeader() bool {
	return le.observed().HolderIdentity == le.config.Lock.Identity()
}

// Check returns an error when this candidate believes it leads but has not renewed the lock for
// longer than LeaseDuration plus maxTolerableExpiredLease: a leader stuck without stepping down.
func (le *LeaderElector) Check(maxTolerableExpiredLease time.Duration) error {
	if !le.IsLeader() {
		return nil
	}
	le.mu.RLock()
	last := le.observedTime
	le.mu.RUnlock()
	if since := le.now().Sub(last); since > le.config.LeaseDuration+maxTolerableExpiredLease {
		return &StaleLeaderError{Name: le.config.Name, Lock: le.config.Lock.Describe(), Since: since}
	}
	return nil
}

// acquire tries to take the lock until it succeeds, returning the start of the successful
// attempt, or until ctx is done.
func (le *LeaderElector) acquire(ctx context.Context) (time.Time, bool) {
	logger := klog.FromContext(ctx).WithValues("lock", le.config.Lock.Describe())
	logger.Info("Attempting to acquire leader lease")
	for ctx.Err() == nil {
		start := le.now()
		attemptCtx, cancel := context.WithTimeout(ctx, le.config.RenewDeadline)
		ok := le.tryAcquireOrRenew(attemptCtx, start, false)
		cancel()
		le.maybeReportTransition()
		if ok {
			le.config.Lock.RecordEvent("became leader")
			logger.Info("Successfully acquired lease")
			return start, true
		}
		if !sleep(ctx, le.untilNextAttempt()) {
			break
		}
	}
	return time.Time{}, false
}

// untilNextAttempt is how long a candidate that is not leading waits before trying again: a
// RetryPeriod jittered down to 80–100% of it, or less when the holder's lease expires sooner.
func (le *LeaderElector) untilNextAttempt() time.Duration {
	wait := time.Duration(float64(le.config.RetryPeriod) * (0.8 + 0.2*rand.Float64()))
	le.mu.RLock()
	holder, expires := le.observedRecord.HolderIdentity, le.observedTime.Add(le.observedLeaseDuration())
	le.mu.RUnlock()
	if holder != "" && holder != le.config.Lock.Identity() {
		wait = min(wait, max(expires.Sub(le.now())+time.Millisecond, 0))
	}
	return wait
}

// renew renews the lock every RetryPeriod until ctx is done or no renewal has succeeded within
// RenewDeadline of the start of the last successful one. It returns the start of the last
// successful renewal.
func (le *LeaderElector) renew(ctx context.Context, renewedAt time.Time) time.Time {
	logger := klog.FromContext(ctx).WithValues("lock", le.config.Lock.Describe())
	for sleep(ctx, le.config.RetryPeriod) {
		for {
			start := le.now()
			remaining := renewedAt.Add(le.config.RenewDeadline).Sub(start)
			if remaining <= 0 {
				logger.Info("Failed to renew lease within the renew deadline; stopping leading", "renewDeadline", le.config.RenewDeadline)
				return renewedAt
			}
			attemptCtx, cancel := context.WithTimeout(ctx, remaining)
			ok := le.tryAcquireOrRenew(attemptCtx, start, true)
			cancel()
			le.maybeReportTransition()
			if ok {
				renewedAt = start
				logger.V(5).Info("Successfully renewed lease")
				break
			}
			if !le.IsLeader() {
				logger.Info("Lease was taken by another candidate; stopping leading", "holder", le.GetLeader())
				return renewedAt
			}
			if !sleep(ctx, min(le.config.RetryPeriod, renewedAt.Add(le.config.RenewDeadline).Sub(le.now()))) {
				return renewedAt
			}
		}
	}
	return renewedAt
}

// release frees the lock once OnStartedLeading (leading) has returned, unless another candidate
// holds it by then or the lease would have expired before the callback returned.
func (le *LeaderElector) release(logger klog.Logger, leading <-chan struct{}, renewedAt time.Time) {
	logger = logger.WithValues("lock", le.config.Lock.Describe())
	expiry := time.NewTimer(renewedAt.Add(le.config.LeaseDuration).Sub(le.now()))
	defer expiry.Stop()
	select {
	case <-leading:
	case <-expiry.C:
		logger.Info("Not releasing lease: OnStartedLeading did not return before the lease expired")
		return
	}
	if !le.IsLeader() {
		return
	}
	ctx, cancel := context.WithTimeout(klog.NewContext(context.Background(), logger), le.config.RenewDeadline)
	defer cancel()
	for ctx.Err() == nil {
		current, _, err := le.config.Lock.Get(ctx)
		if err != nil {
			logger.Error(err, "Failed to read lease to release it")
			return
		}
		if current.HolderIdentity != le.config.Lock.Identity() {
			return
		}
		now := metav1.NewTime(le.now())
		released := rl.LeaderElectionRecord{
			LeaseDurationSeconds: 1,
			AcquireTime:          now,
			RenewTime:            now,
			LeaderTransitions:    current.LeaderTransitions,
		}
		err = le.config.Lock.Update(ctx, released)
		if err == nil {
			le.setObserved(released, nil)
			logger.Info("Released lease")
			return
		}
		if !apierrors.IsConflict(err) {
			logger.Error(err, "Failed to release lease")
			return
		}
	}
}

// tryAcquireOrRenew makes one attempt, started at now, to take or renew the lock, and reports
// whether this candidate holds it afterwards. A leader (renewing) only renews: finding the lock
// held by another or released, it has lost its term and must not start a new one unnoticed.
func (le *LeaderElector) tryAcquireOrRenew(ctx context.Context, now time.Time, renewing bool) bool {
	logger := klog.FromContext(ctx).WithValues("lock", le.config.Lock.Describe())
	me := le.config.Lock.Identity()
	desired := rl.LeaderElectionRecord{
		HolderIdentity:       me,
		LeaseDurationSeconds: le.config.leaseSeconds(),
		AcquireTime:          metav1.NewTime(now),
		RenewTime:            metav1.NewTime(now),
	}

	// Fast path: the leader renews what it last wrote; a Conflict sends it the slow way.
	if old := le.observed(); old.HolderIdentity == me && le.leaseValid(now) {
		keepTerm(&desired, &old)
		err := le.config.Lock.Update(ctx, desired)
		if err == nil {
			le.setObserved(desired, nil)
			return true
		}
		logger.V(2).Info("Failed to renew lease optimistically, reading it", "err", err)
	}

	old, raw, err := le.config.Lock.Get(ctx)
	switch {
	case apierrors.IsNotFound(err) && !renewing:
		if err := le.config.Lock.Create(ctx, desired); err != nil {
			logger.Error(err, "Failed to create lease")
			return false
		}
		le.setObserved(desired, nil)
		return true
	case err != nil:
		logger.Error(err, "Failed to read lease")
		return false
	}
	le.observe(*old, raw)
	if renewing && old.HolderIdentity != me {
		return false
	}
	if old.HolderIdentity != "" && old.HolderIdentity != me && le.leaseValid(now) {
		logger.V(4).Info("Lease is held by another candidate and has not expired", "holder", old.HolderIdentity)
		return false
	}
	if old.HolderIdentity == me {
		keepTerm(&desired, old)
	} else {
		desired.LeaderTransitions = old.LeaderTransitions + 1
		desired.Strategy, desired.PreferredHolder = old.Strategy, old.PreferredHolder
	}
	if err := le.config.Lock.Update(ctx, desired); err != nil {
		logger.Error(err, "Failed to update lease")
		return false
	}
	le.setObserved(desired, nil)
	return true
}

// keepTerm carries the fields of the holder's current term from old into a renewal.
func keepTerm(renewal, old *rl.LeaderElectionRecord) {
	renewal.AcquireTime = old.AcquireTime
	renewal.LeaderTransitions = old.LeaderTransitions
	renewal.Strategy, renewal.PreferredHolder = old.Strategy, old.PreferredHolder
}

// observe records a record read from the lock; the observation time moves only when it changed.
func (le *LeaderElector) observe(record rl.LeaderElectionRecord, raw []byte) {
	le.mu.RLock()
	same := le.observedRaw != nil && bytes.Equal(le.observedRaw, raw)
	le.mu.RUnlock()
	if !same {
		le.setObserved(record, raw)
	}
}

func (le *LeaderElector) setObserved(record rl.LeaderElectionRecord, raw []byte) {
	le.mu.Lock()
	le.observedRecord, le.observedRaw, le.observedTime = record, raw, le.now()
	le.mu.Unlock()
}

func (le *LeaderElector) observed() rl.LeaderElectionRecord {
	le.mu.RLock()
	defer le.mu.RUnlock()
	return le.observedRecord
}

// leaseValid reports whether the observed lease has not expired at now.
func (le *LeaderElector) leaseValid(now time.Time) bool {
	le.mu.RLock()
	defer le.mu.RUnlock()
	return le.observedTime.Add(le.observedLeaseDuration()).After(now)
}

// observedLeaseDuration is the duration the holder wrote, or this candidate's own when the record
// has none. Callers hold le.mu.
func (le *LeaderElector) observedLeaseDuration() time.Duration {
	if s := le.observedRecord.LeaseDurationSeconds; s > 0 {
		return time.Duration(s) * time.Second
	}
	return le.config.LeaseDuration
}

// maybeReportTransition tells OnNewLeader about a change of observed holder.
func (le *LeaderElector) maybeReportTransition() {
	holder := le.GetLeader()
	if holder == le.reportedLeader {
		return
	}
	le.reportedLeader = holder
	if holder != "" && le.config.Callbacks.OnNewLeader != nil {
		le.newLeaders.send(le.config.Callbacks.OnNewLeader, holder)
	}
}

// sleep waits for d or until ctx is done, reporting whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
