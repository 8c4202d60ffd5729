package resourcelock

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sync"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	coordinationclient "github.com/kubegen/kubegen/kubernetes/typed/coordination/v1"
)

// LeaseLock keeps the election record in the spec of a coordination.k8s.io/v1 Lease.
type LeaseLock struct {
	// LeaseMeta names the Lease (Namespace and Name).
	LeaseMeta metav1.ObjectMeta
	// Client reads and writes Leases, e.g. clientset.CoordinationV1().
	Client coordinationclient.LeasesGetter
	// LockConfig is the candidate's identity and event recorder.
	LockConfig ResourceLockConfig
	// Labels, when set, are added to the Lease by every write.
	Labels map[string]string

	mu    sync.Mutex
	lease *coordinationv1.Lease // as last read or written; its resourceVersion guards Update
}

var _ Interface = (*LeaseLock)(nil)

// ErrNotRead is returned by Update before Get or Create has given the lock a Lease to update.
var ErrNotRead = errors.New("resourcelock: lease not read yet: call Get or Create before Update")

// Get reads the Lease and returns its record, and the JSON of the Lease's spec as the record's
// encoding.
func (ll *LeaseLock) Get(ctx context.Context) (*LeaderElectionRecord, []byte, error) {
	lease, err := ll.leases().Get(ctx, ll.LeaseMeta.Name, metav1.GetOptions{})
	if err != nil {
		return nil, nil, err
	}
	ll.setLease(lease)
	record := LeaseSpecToLeaderElectionRecord(&lease.Spec)
	// The spec, not the record: its MicroTimes keep microseconds, where the record's metav1.Times
	// encode whole seconds and two renewals within one second would look the same.
	raw, err := json.Marshal(&lease.Spec)
	if err != nil {
		return nil, nil, fmt.Errorf("resourcelock: encoding record of %s: %w", ll.Describe(), err)
	}
	return record, raw, nil
}

// Create creates the Lease holding ler.
func (ll *LeaseLock) Create(ctx context.Context, ler LeaderElectionRecord) error {
	lease := &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{
			Namespace: ll.LeaseMeta.Namespace,
			Name:      ll.LeaseMeta.Name,
			Labels:    maps.Clone(ll.Labels),
		},
		Spec: LeaderElectionRecordToLeaseSpec(&ler),
	}
	created, err := ll.leases().Create(ctx, lease, metav1.CreateOptions{})
	if err != nil {
		return err
	}
	ll.setLease(created)
	return nil
}

// Update writes ler into the Lease last read or written, failing with a Conflict if the Lease has
// changed since.
func (ll *LeaseLock) Update(ctx context.Context, ler LeaderElectionRecord) error {
	ll.mu.Lock()
	if ll.lease == nil {
		ll.mu.Unlock()
		return ErrNotRead
	}
	lease := ll.lease.DeepCopy()
	ll.mu.Unlock()
	lease.Spec = LeaderElectionRecordToLeaseSpec(&ler)
	if len(ll.Labels) > 0 {
		if lease.Labels == nil {
			lease.Labels = map[string]string{}
		}
		maps.Copy(lease.Labels, ll.Labels)
	}
	updated, err := ll.leases().Update(ctx, lease, metav1.UpdateOptions{})
	if err != nil {
		return err
	}
	ll.setLease(updated)
	return nil
}

// RecordEvent records a Normal event "LeaderElection" on the Lease, when the lock has an event
// recorder.
func (ll *LeaseLock) RecordEvent(s string) {
	if ll.LockConfig.EventRecorder == nil {
		return
	}
	subject := &coordinationv1.Lease{ObjectMeta: ll.LeaseMeta}
	ll.mu.Lock()
	if ll.lease != nil {
		subject.ObjectMeta = ll.lease.ObjectMeta
	}
	ll.mu.Unlock()
	subject.APIVersion, subject.Kind = coordinationv1.SchemeGroupVersion.String(), "Lease"
	ll.LockConfig.EventRecorder.Eventf(subject, corev1.EventTypeNormal, "LeaderElection", "%s %s", ll.LockConfig.Identity, s)
}

// Describe returns "namespace/name" of the Lease.
func (ll *LeaseLock) Describe() string {
	return ll.LeaseMeta.Namespace + "/" + ll.LeaseMeta.Name
}

// Identity returns the candidate's identity.
func (ll *LeaseLock) Identity() string { return ll.LockConfig.Identity }

func (ll *LeaseLock) leases() coordinationclient.LeaseInterface {
	return ll.Client.Leases(ll.LeaseMeta.Namespace)
}

func (ll *LeaseLock) setLease(lease *coordinationv1.Lease) {
	ll.mu.Lock()
	ll.lease = lease
	ll.mu.Unlock()
}

// LeaseSpecToLeaderElectionRecord reads the election record out of a Lease spec; absent fields are
// zero.
func LeaseSpecToLeaderElectionRecord(spec *coordinationv1.LeaseSpec) *LeaderElectionRecord {
	r := &LeaderElectionRecord{}
	if spec.HolderIdentity != nil {
		r.HolderIdentity = *spec.HolderIdentity
	}
	if spec.LeaseDurationSeconds != nil {
		r.LeaseDurationSeconds = int(*spec.LeaseDurationSeconds)
	}
	if spec.LeaseTransitions != nil {
		r.LeaderTransitions = int(*spec.LeaseTransitions)
	}
	if spec.AcquireTime != nil {
		r.AcquireTime = metav1.NewTime(spec.AcquireTime.Time)
	}
	if spec.RenewTime != nil {
		r.RenewTime = metav1.NewTime(spec.RenewTime.Time)
	}
	if spec.Strategy != nil {
		r.Strategy = *spec.Strategy
	}
	if spec.PreferredHolder != nil {
		r.PreferredHolder = *spec.PreferredHolder
	}
	return r
}

// LeaderElectionRecordToLeaseSpec writes an election record as a Lease spec.
func LeaderElectionRecordToLeaseSpec(ler *LeaderElectionRecord) coordinationv1.LeaseSpec {
	holder := ler.HolderIdentity
	duration := int32(ler.LeaseDurationSeconds)
	transitions := int32(ler.LeaderTransitions)
	spec := coordinationv1.LeaseSpec{
		HolderIdentity:       &holder,
		LeaseDurationSeconds: &duration,
		AcquireTime:          &metav1.MicroTime{Time: ler.AcquireTime.Time},
		RenewTime:            &metav1.MicroTime{Time: ler.RenewTime.Time},
		LeaseTransitions:     &transitions,
	}
	if ler.Strategy != "" {
		strategy := ler.Strategy
		spec.Strategy = &strategy
	}
	if ler.PreferredHolder != "" {
		preferred := ler.PreferredHolder
		spec.PreferredHolder = &preferred
	}
	return spec
}
