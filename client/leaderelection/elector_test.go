package leaderelection

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime"

	clientfake "github.com/kubegen/kubegen/client/fake"
	rl "github.com/kubegen/kubegen/client/leaderelection/resourcelock"
	clienttesting "github.com/kubegen/kubegen/client/testing"
)

func TestConfigValidation(t *testing.T) {
	tr := newTracker(t)
	cases := []struct {
		name   string
		mutate func(*LeaderElectionConfig)
		want   string
	}{
		{"valid", func(*LeaderElectionConfig) {}, ""},
		{"lease not above renew", func(c *LeaderElectionConfig) { c.LeaseDuration = c.RenewDeadline }, "leaseDuration"},
		{"renew not above retry*1.2", func(c *LeaderElectionConfig) { c.RetryPeriod = c.RenewDeadline }, "renewDeadline"},
		{"zero retry", func(c *LeaderElectionConfig) { c.RetryPeriod = 0 }, "retryPeriod"},
		{"zero renew", func(c *LeaderElectionConfig) { c.LeaseDuration, c.RenewDeadline, c.RetryPeriod = 1, 0, -1 }, "renewDeadline must be greater than zero"},
		{"no OnStartedLeading", func(c *LeaderElectionConfig) { c.Callbacks.OnStartedLeading = nil }, "OnStartedLeading"},
		{"no OnStoppedLeading", func(c *LeaderElectionConfig) { c.Callbacks.OnStoppedLeading = nil }, "OnStoppedLeading"},
		{"no lock", func(c *LeaderElectionConfig) { c.Lock = nil }, "Lock must not be nil"},
		{"no identity", func(c *LeaderElectionConfig) { c.Lock = newLock(tr, "") }, "identity"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lec := config(newLock(tr, "a"), 15*time.Second, 10*time.Second, 2*time.Second)
			tc.mutate(&lec)
			_, err := NewLeaderElector(lec)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("valid config refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalidConfig mentioning %q", err, tc.want)
			}
			if err := Run(context.Background(), lec); !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("Run: err = %v, want ErrInvalidConfig", err)
			}
		})
	}
}

// A standby decides on the times it observed changes, never on the times in the record: a holder
// whose clock is decades off is still given exactly the lease duration it wrote, counted from the
// standby's last observation of a change.
func TestStandbyCountsFromObservedChanges(t *testing.T) {
	tr := newTracker(t)
	far := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	putLease(t, tr, heldBy("leader", 10, far))
	standby := newElector(t, config(newLock(tr, "standby"), 4*time.Second, 3*time.Second, time.Second))
	t0 := time.Now()
	try := func(after time.Duration) bool {
		now := t0.Add(after)
		standby.now = func() time.Time { return now }
		return standby.tryAcquireOrRenew(context.Background(), now, false)
	}

	if try(0) {
		t.Fatal("took a lease it has just seen")
	}
	if try(9900 * time.Millisecond) {
		t.Fatal("took the lease before the holder's 10s (not its own 4s) ran out")
	}
	// The holder renews, writing a time long past: only the change counts.
	putLease(t, tr, heldBy("leader", 10, time.Unix(0, 0)))
	if try(10100 * time.Millisecond) {
		t.Fatal("took a lease that changed since the last look")
	}
	if try(20000 * time.Millisecond) {
		t.Fatal("took the lease 9.9s after seeing it renewed")
	}
	if !try(20200 * time.Millisecond) {
		t.Fatal("did not take a lease unchanged for 10.1s")
	}
	lease := getLease(t, tr)
	if *lease.Spec.HolderIdentity != "standby" || *lease.Spec.LeaseTransitions != 4 || *lease.Spec.LeaseDurationSeconds != 4 {
		t.Fatalf("lease after takeover: holder %q transitions %d duration %d, want standby 4 4",
			*lease.Spec.HolderIdentity, *lease.Spec.LeaseTransitions, *lease.Spec.LeaseDurationSeconds)
	}
}

func TestReleasedLeaseIsTakenAtOnce(t *testing.T) {
	tr := newTracker(t)
	putLease(t, tr, heldBy("", 1, time.Now()))
	standby := newElector(t, config(newLock(tr, "standby"), 4*time.Second, 3*time.Second, time.Second))
	if !standby.tryAcquireOrRenew(context.Background(), time.Now(), false) {
		t.Fatal("did not take a released lease")
	}
	if !standby.IsLeader() || standby.GetLeader() != "standby" {
		t.Fatalf("IsLeader %v, GetLeader %q after taking the lease", standby.IsLeader(), standby.GetLeader())
	}
}

// A leader finding its lease taken or released does not start a new term while renewing.
func TestRenewingNeverTakesAnotherTerm(t *testing.T) {
	for _, holder := range []string{"", "other"} {
		tr := newTracker(t)
		le := newElector(t, config(newLock(tr, "me"), 4*time.Second, 3*time.Second, time.Second))
		if !le.tryAcquireOrRenew(context.Background(), time.Now(), false) {
			t.Fatal("did not acquire a missing lease")
		}
		putLease(t, tr, heldBy(holder, 1, time.Now()))
		if le.tryAcquireOrRenew(context.Background(), time.Now(), true) {
			t.Fatalf("renewed a lease now held by %q", holder)
		}
		if le.IsLeader() {
			t.Fatalf("still believes it leads after the lease went to %q", holder)
		}
		if got := *getLease(t, tr).Spec.HolderIdentity; got != holder {
			t.Fatalf("lease holder = %q, want %q untouched", got, holder)
		}
	}
}

// The leader renews, and on cancel releases the lease only after OnStartedLeading has returned;
// OnStoppedLeading comes last.
func TestRunRenewsAndReleasesAfterCallbackReturns(t *testing.T) {
	tr := newTracker(t)
	var mu sync.Mutex
	var events []string
	record := func(e string) {
		mu.Lock()
		events = append(events, e)
		mu.Unlock()
	}
	tr.PrependReactor("update", "leases", func(a clientfake.Action) (bool, runtime.Object, error) {
		if *a.(clienttesting.UpdateAction).GetObject().(*coordinationv1.Lease).Spec.HolderIdentity == "" {
			record("released")
		}
		return false, nil, nil
	})
	lec := config(newLock(tr, "a"), 2*time.Second, time.Second, 10*time.Millisecond)
	lec.ReleaseOnCancel = true
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lec.Callbacks.OnStartedLeading = func(ctx context.Context) {
		record("started")
		<-ctx.Done()
		time.Sleep(50 * time.Millisecond) // finishing work after cancel
		record("callback returned")
	}
	lec.Callbacks.OnStoppedLeading = func() { record("stopped") }
	var newLeaders []string
	lec.Callbacks.OnNewLeader = func(id string) {
		mu.Lock()
		newLeaders = append(newLeaders, id)
		mu.Unlock()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunOrDie(ctx, lec)
	}()

	first := getLeaseEventually(t, tr)
	waitFor(t, "two renewals", func() bool {
		return getLease(t, tr).Spec.RenewTime.Sub(first.Spec.RenewTime.Time) > 15*time.Millisecond
	})
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"started", "callback returned", "released", "stopped"}; !slices.Equal(events, want) {
		t.Fatalf("events = %v, want %v", events, want)
	}
	if !slices.Equal(newLeaders, []string{"a"}) {
		t.Fatalf("OnNewLeader got %v, want [a]", newLeaders)
	}
	lease := getLease(t, tr)
	if *lease.Spec.HolderIdentity != "" || *lease.Spec.LeaseDurationSeconds != 1 {
		t.Fatalf("released lease: holder %q duration %d", *lease.Spec.HolderIdentity, *lease.Spec.LeaseDurationSeconds)
	}
}

func getLeaseEventually(t *testing.T, tr *clientfake.Tracker) *coordinationv1.Lease {
	t.Helper()
	var lease *coordinationv1.Lease
	waitFor(t, "the lease", func() bool {
		obj, err := tr.Get(leasesGVR, testNamespace, testLease)
		if err != nil {
			return false
		}
		lease = obj.(*coordinationv1.Lease)
		return true
	})
	return lease
}

var leasesGVR = coordinationv1.SchemeGroupVersion.WithResource("leases")

// When renewals fail, the leader stops: its callback's context is cancelled and Run returns,
// without releasing a lease it could not renew.
func TestRenewFailureStopsLeading(t *testing.T) {
	tr := newTracker(t)
	var failing atomic.Bool
	var failed atomic.Int32
	tr.PrependReactor("*", "leases", func(a clientfake.Action) (bool, runtime.Object, error) {
		if failing.Load() && a.GetVerb() != "create" {
			failed.Add(1)
			return true, nil, apierrors.NewServiceUnavailable("injected")
		}
		return false, nil, nil
	})
	lec := config(newLock(tr, "a"), 2*time.Second, 300*time.Millisecond, 20*time.Millisecond)
	leadCancelled := make(chan struct{})
	lec.Callbacks.OnStartedLeading = func(ctx context.Context) {
		failing.Store(true)
		<-ctx.Done()
		close(leadCancelled)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunOrDie(context.Background(), lec)
	}()
	<-leadCancelled
	<-done
	if n := failed.Load(); n < 2 {
		t.Fatalf("gave up after %d failed attempts, want retries until the renew deadline", n)
	}
	failing.Store(false)
	if got := *getLease(t, tr).Spec.HolderIdentity; got != "a" {
		t.Fatalf("holder = %q, want a (not released)", got)
	}
}

// A leader whose lease was taken stops at once and, with ReleaseOnCancel, leaves the new
// holder's lease alone.
func TestLostLeaseIsNotReleased(t *testing.T) {
	tr := newTracker(t)
	lec := config(newLock(tr, "a"), 10*time.Second, 5*time.Second, 10*time.Millisecond)
	lec.ReleaseOnCancel = true
	led := make(chan struct{})
	lec.Callbacks.OnStartedLeading = func(ctx context.Context) { close(led) }
	done := make(chan struct{})
	go func() {
		defer close(done)
		RunOrDie(context.Background(), lec)
	}()
	<-led
	putLease(t, tr, heldBy("b", 10, time.Now()))
	select {
	case <-done:
	case <-time.After(4 * time.Second):
		t.Fatal("leader kept going after its lease was taken")
	}
	if got := *getLease(t, tr).Spec.HolderIdentity; got != "b" {
		t.Fatalf("holder = %q, want b", got)
	}
}

// Two candidates with clocks an hour apart: the standby starts leading only after the leader has
// stopped, and it does take over then.
func TestSkewedCandidatesNeverOverlap(t *testing.T) {
	tr := newTracker(t)
	var mu sync.Mutex
	var aStopped, bStarted time.Time
	lecA := config(newLock(tr, "a"), time.Second, 600*time.Millisecond, 50*time.Millisecond)
	ctxA, cancelA := context.WithCancel(context.Background())
	aLeading := make(chan struct{})
	lecA.Callbacks.OnStartedLeading = func(ctx context.Context) {
		close(aLeading)
		<-ctx.Done()
		mu.Lock()
		aStopped = time.Now()
		mu.Unlock()
	}
	a := newElector(t, lecA)
	a.now = func() time.Time { return time.Now().Add(time.Hour) }
	aDone := make(chan struct{})
	go func() { defer close(aDone); a.Run(ctxA) }()
	<-aLeading

	lecB := config(newLock(tr, "b"), time.Second, 600*time.Millisecond, 50*time.Millisecond)
	ctxB, cancelB := context.WithCancel(context.Background())
	defer cancelB()
	bLeading := make(chan struct{})
	lecB.Callbacks.OnStartedLeading = func(ctx context.Context) {
		mu.Lock()
		bStarted = time.Now()
		mu.Unlock()
		close(bLeading)
	}
	go RunOrDie(ctxB, lecB)
	time.Sleep(1500 * time.Millisecond) // longer than the lease: b must wait while a renews
	cancelA()
	<-aDone
	select {
	case <-bLeading:
	case <-time.After(10 * time.Second):
		t.Fatal("standby never took over")
	}
	mu.Lock()
	defer mu.Unlock()
	if bStarted.Before(aStopped) {
		t.Fatalf("b started leading %s before a stopped", aStopped.Sub(bStarted))
	}
}

func TestHealthzAdaptor(t *testing.T) {
	tr := newTracker(t)
	h := NewLeaderHealthzAdaptor(time.Second)
	if err := h.Check(nil); err != nil {
		t.Fatalf("unset adaptor: %v", err)
	}
	le := newElector(t, config(newLock(tr, "a"), 4*time.Second, 3*time.Second, time.Second))
	h.SetLeaderElection(le)
	if !le.tryAcquireOrRenew(context.Background(), time.Now(), false) {
		t.Fatal("did not acquire")
	}
	if err := h.Check(nil); err != nil {
		t.Fatalf("fresh leader unhealthy: %v", err)
	}
	le.now = func() time.Time { return time.Now().Add(5500 * time.Millisecond) }
	var stale *StaleLeaderError
	if err := h.Check(nil); !errors.As(err, &stale) || stale.Lock != "default/election" {
		t.Fatalf("leader 5.5s without renewal (lease 4s + 1s): err = %v", err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("ServeHTTP = %d, want 500", rec.Code)
	}
	putLease(t, tr, heldBy("b", 4, time.Now()))
	le.tryAcquireOrRenew(context.Background(), le.now(), false)
	if err := h.Check(nil); err != nil {
		t.Fatalf("standby unhealthy: %v", err)
	}
}

func TestNotifierKeepsOrder(t *testing.T) {
	var n notifier
	var mu sync.Mutex
	var got []string
	var want []string
	for i := range 200 {
		v := string(rune('a' + i%26))
		want = append(want, v)
		n.send(func(s string) {
			mu.Lock()
			got = append(got, s)
			mu.Unlock()
		}, v)
	}
	waitFor(t, "all notifications", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got) == len(want)
	})
	if !slices.Equal(got, want) {
		t.Fatal("notifications out of order")
	}
}

var _ rl.Interface = (*rl.LeaseLock)(nil)
