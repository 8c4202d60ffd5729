package resourcelock

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubegen/kubegen/kubernetes/fake"
	coordinationclient "github.com/kubegen/kubegen/kubernetes/typed/coordination/v1"
)

func newClient(t *testing.T) coordinationclient.CoordinationV1Interface {
	t.Helper()
	cs := fake.NewClientset()
	return cs.CoordinationV1()
}

func TestNewRefusesRemovedLockTypes(t *testing.T) {
	client := newClient(t)
	for _, typ := range []string{"endpoints", "configmaps", "endpointsleases", "configmapsleases", "nonsense"} {
		if _, err := New(typ, "ns", "name", nil, client, ResourceLockConfig{Identity: "a"}); err == nil || !strings.Contains(err.Error(), typ) {
			t.Errorf("New(%q): err = %v, want an error naming the type", typ, err)
		}
	}
	lock, err := New(LeasesResourceLock, "ns", "name", nil, client, ResourceLockConfig{Identity: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if lock.Describe() != "ns/name" || lock.Identity() != "a" {
		t.Fatalf("Describe %q Identity %q", lock.Describe(), lock.Identity())
	}
	if _, err := New(LeasesResourceLock, "ns", "name", nil, nil, ResourceLockConfig{}); err == nil {
		t.Fatal("New with a nil client succeeded")
	}
}

func TestRecordRoundTrip(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 123456000, time.UTC)
	in := LeaderElectionRecord{
		HolderIdentity:       "a",
		LeaseDurationSeconds: 15,
		AcquireTime:          metav1.NewTime(now.Add(-time.Hour)),
		RenewTime:            metav1.NewTime(now),
		LeaderTransitions:    7,
		Strategy:             "OldestEmulationVersion",
		PreferredHolder:      "b",
	}
	spec := LeaderElectionRecordToLeaseSpec(&in)
	out := LeaseSpecToLeaderElectionRecord(&spec)
	if !out.RenewTime.Equal(&in.RenewTime) || !out.AcquireTime.Equal(&in.AcquireTime) {
		t.Fatalf("times changed: %v %v", out.AcquireTime, out.RenewTime)
	}
	out.RenewTime, out.AcquireTime = in.RenewTime, in.AcquireTime
	if *out != in {
		t.Fatalf("round trip = %+v, want %+v", *out, in)
	}
	if empty := LeaderElectionRecordToLeaseSpec(&LeaderElectionRecord{}); empty.Strategy != nil || empty.PreferredHolder != nil {
		t.Fatal("empty strategy or preferred holder written as a value")
	}
}

func TestLeaseLockUpdatesOnlyWhatItRead(t *testing.T) {
	client := newClient(t)
	ctx := context.Background()
	lock := func(id string) *LeaseLock {
		return &LeaseLock{
			LeaseMeta:  metav1.ObjectMeta{Namespace: "ns", Name: "lease"},
			Client:     client,
			LockConfig: ResourceLockConfig{Identity: id},
			Labels:     map[string]string{"holder-app": "x"},
		}
	}
	a, b := lock("a"), lock("b")
	if err := a.Update(ctx, LeaderElectionRecord{HolderIdentity: "a"}); !errors.Is(err, ErrNotRead) {
		t.Fatalf("Update before Get: %v", err)
	}
	if _, _, err := a.Get(ctx); !apierrors.IsNotFound(err) {
		t.Fatalf("Get of a missing lease: %v", err)
	}
	if err := a.Create(ctx, LeaderElectionRecord{HolderIdentity: "a", LeaseDurationSeconds: 10}); err != nil {
		t.Fatal(err)
	}
	rec, raw, err := b.Get(ctx)
	if err != nil || rec.HolderIdentity != "a" || len(raw) == 0 {
		t.Fatalf("b.Get = %+v %q %v", rec, raw, err)
	}
	if err := a.Update(ctx, LeaderElectionRecord{HolderIdentity: "a", LeaseDurationSeconds: 10, LeaderTransitions: 1}); err != nil {
		t.Fatal(err)
	}
	if err := b.Update(ctx, LeaderElectionRecord{HolderIdentity: "b"}); !apierrors.IsConflict(err) {
		t.Fatalf("update from a stale read: err = %v, want Conflict", err)
	}
	rec2, raw2, err := b.Get(ctx)
	if err != nil || rec2.LeaderTransitions != 1 || string(raw2) == string(raw) {
		t.Fatalf("second Get = %+v %v; raw changed: %v", rec2, err, string(raw2) != string(raw))
	}
	lease, err := client.Leases("ns").Get(ctx, "lease", metav1.GetOptions{})
	if err != nil || lease.Labels["holder-app"] != "x" {
		t.Fatalf("labels = %v, %v", lease.Labels, err)
	}

	// Renewals within one second must still look different.
	second := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var raws []string
	for _, ms := range []int{100, 300} {
		renew := metav1.NewTime(second.Add(time.Duration(ms) * time.Millisecond))
		if err := b.Update(ctx, LeaderElectionRecord{HolderIdentity: "a", LeaseDurationSeconds: 10, RenewTime: renew}); err != nil {
			t.Fatal(err)
		}
		_, raw, err := b.Get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, string(raw))
	}
	if raws[0] == raws[1] {
		t.Fatalf("renewals 200ms apart in one second encode the same: %s", raws[0])
	}
}

type recorder struct{ got []string }

func (r *recorder) Eventf(obj runtime.Object, eventType, reason, message string, args ...any) {
	m := obj.(metav1.Object)
	r.got = append(r.got, eventType+" "+reason+" "+m.GetNamespace()+"/"+m.GetName()+" "+message+" "+args[0].(string)+" "+args[1].(string))
}

func TestRecordEvent(t *testing.T) {
	rec := &recorder{}
	lock := &LeaseLock{LeaseMeta: metav1.ObjectMeta{Namespace: "ns", Name: "lease"}, Client: newClient(t),
		LockConfig: ResourceLockConfig{Identity: "a", EventRecorder: rec}}
	lock.RecordEvent("became leader")
	if len(rec.got) != 1 || rec.got[0] != "Normal LeaderElection ns/lease %s %s a became leader" {
		t.Fatalf("events = %q", rec.got)
	}
	(&LeaseLock{}).RecordEvent("no recorder: no panic")
}
