package leaderelection

import (
	"context"
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	clientfake "github.com/kubegen/kubegen/client/fake"
	rl "github.com/kubegen/kubegen/client/leaderelection/resourcelock"
	"github.com/kubegen/kubegen/kubernetes/fake"
	coordfake "github.com/kubegen/kubegen/kubernetes/typed/coordination/v1/fake"
)

const testNamespace, testLease = "default", "election"

// newTracker returns an object tracker serving coordination.k8s.io/v1 Leases.
func newTracker(t *testing.T) *clientfake.Tracker {
	t.Helper()
	cs := fake.NewClientset()
	return cs.Tracker()
}

func newLock(tr *clientfake.Tracker, id string) *rl.LeaseLock {
	return &rl.LeaseLock{
		LeaseMeta:  metav1.ObjectMeta{Namespace: testNamespace, Name: testLease},
		Client:     &coordfake.FakeCoordinationV1{Tracker: tr},
		LockConfig: rl.ResourceLockConfig{Identity: id},
	}
}

// config returns a valid configuration whose callbacks do nothing.
func config(lock rl.Interface, lease, renew, retry time.Duration) LeaderElectionConfig {
	return LeaderElectionConfig{
		Lock:          lock,
		LeaseDuration: lease,
		RenewDeadline: renew,
		RetryPeriod:   retry,
		Name:          "test",
		Callbacks: LeaderCallbacks{
			OnStartedLeading: func(context.Context) {},
			OnStoppedLeading: func() {},
		},
	}
}

func newElector(t *testing.T, lec LeaderElectionConfig) *LeaderElector {
	t.Helper()
	le, err := NewLeaderElector(lec)
	if err != nil {
		t.Fatal(err)
	}
	return le
}

// getLease reads the Lease through a client of its own.
func getLease(t *testing.T, tr *clientfake.Tracker) *coordinationv1.Lease {
	t.Helper()
	lease, err := (&coordfake.FakeCoordinationV1{Tracker: tr}).Leases(testNamespace).Get(context.Background(), testLease, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return lease
}

// putLease writes spec into the Lease as another party would, creating it if needed.
func putLease(t *testing.T, tr *clientfake.Tracker, spec coordinationv1.LeaseSpec) {
	t.Helper()
	leases := (&coordfake.FakeCoordinationV1{Tracker: tr}).Leases(testNamespace)
	lease, err := leases.Get(context.Background(), testLease, metav1.GetOptions{})
	if err != nil {
		lease = &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{Namespace: testNamespace, Name: testLease}, Spec: spec}
		if _, err := leases.Create(context.Background(), lease, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		return
	}
	lease.Spec = spec
	if _, err := leases.Update(context.Background(), lease, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// heldBy is a Lease spec held by holder for seconds, with renewTime at the given time.
func heldBy(holder string, seconds int, renew time.Time) coordinationv1.LeaseSpec {
	return rl.LeaderElectionRecordToLeaseSpec(&rl.LeaderElectionRecord{
		HolderIdentity:       holder,
		LeaseDurationSeconds: seconds,
		AcquireTime:          metav1.NewTime(renew),
		RenewTime:            metav1.NewTime(renew),
		LeaderTransitions:    3,
	})
}

// waitFor polls cond until it holds or the test's patience (10s) runs out.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
